import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryOutput, namedSubscription } from '../../test/support/memory-output.ts';
import type { FeedReport } from '../pipeline/index.ts';
import type { Output } from './output.ts';
import { createRunProgress, describeFeed, formatSummary } from './run-progress.ts';

const buffer = (isTTY: boolean) => memoryOutput(isTTY, 60);

const subscription = namedSubscription;
const ok: FeedReport = {
  name: 'alpha',
  status: 'ok',
  created: 2,
  updated: 1,
  unchanged: 3,
  source: 'https://a.example/feed',
  diagnostics: [{ code: 'bad-date', message: 'bad date', item: 'x1' }],
};
const failed: FeedReport = { name: 'beta', status: 'failed', code: 'FETCH_TIMEOUT', message: 'timed out' };

function play(output: Output, verbosity: 'quiet' | 'normal' | 'verbose') {
  const progress = createRunProgress(output, 2, verbosity);
  progress.start(subscription('alpha'));
  progress.start(subscription('beta'));
  progress.done(ok);
  progress.done(failed);
  progress.finish({ feeds: [ok, failed], elapsedMs: 1234 });
}

test('on a TTY a status line is redrawn in place with done/total, new posts and feeds in flight', () => {
  const output = buffer(true);
  play(output, 'normal');
  assert.ok(output.stdout.includes('\r\x1b[2K[0/2] 0 new · fetching alpha, beta'));
  assert.ok(output.stdout.includes('\r\x1b[2K[1/2] 2 new · fetching beta'));
  assert.ok(output.stdout.includes('\r\x1b[2K[2/2] 2 new'));
  assert.ok(!output.stdout.includes('ok      alpha'), 'successful feeds do not scroll on a TTY');
  assert.match(output.stderr, /FAILED {2}beta: timed out \[FETCH_TIMEOUT\]/);
  assert.match(
    output.stdout,
    /\r\x1b\[2Kdone in 1\.2 s: 2 feeds, 2 new, 1 updated, 3 unchanged, 0 not modified, 1 failed\n$/,
  );
});

test('the TTY status line is cut to the terminal width', () => {
  const output = buffer(true);
  const progress = createRunProgress(output, 1, 'normal');
  progress.start(subscription('x'.repeat(200)));
  const line = output.stdout.split('\r\x1b[2K').at(-1)!;
  assert.equal([...line].length, 59);
  assert.ok(line.endsWith('…'));
});

test('without a TTY each feed gets one plain line and no escape codes', () => {
  const output = buffer(false);
  play(output, 'normal');
  assert.equal(
    output.stdout,
    'ok      alpha: 2 new, 1 updated, 3 unchanged, 1 warning(s)\n' +
      'done in 1.2 s: 2 feeds, 2 new, 1 updated, 3 unchanged, 0 not modified, 1 failed\n',
  );
  assert.equal(output.stderr, 'FAILED  beta: timed out [FETCH_TIMEOUT]\n');
  assert.ok(!output.stdout.includes('\x1b'));
});

test('--quiet prints only failures; --verbose adds sources and diagnostics', () => {
  const quiet = buffer(true);
  play(quiet, 'quiet');
  assert.equal(quiet.stdout, '');
  assert.match(quiet.stderr, /FAILED {2}beta/);
  const verbose = buffer(false);
  play(verbose, 'verbose');
  assert.match(verbose.stdout, /from https:\/\/a\.example\/feed\n/);
  assert.match(verbose.stdout, /warning: bad date \(item x1\) \[bad-date\]/);
});

test('summary and feed lines name every count', () => {
  assert.match(formatSummary({ feeds: [], elapsedMs: 0 }, true), /^dry run \(nothing written\) in 0\.0 s/);
  assert.equal(
    describeFeed({ name: 'n', status: 'not-modified', source: 's' }, 'normal'),
    'same    n: not modified since the last run\n',
  );
});

test('a feed not fetched this run is still a FAILED line, with its last error and when it is tried again', () => {
  const backoff: FeedReport = {
    name: 'gamma',
    status: 'failed',
    code: 'FETCH_HTTP_STATUS',
    message: 'answered 502',
    failures: 3,
    nextCheck: '2030-01-01T00:00:00.000Z',
    notFetched: 'backoff',
  };
  assert.equal(
    describeFeed(backoff, 'normal'),
    'FAILED  gamma: answered 502 [FETCH_HTTP_STATUS] (failing 3 runs in a row; not fetched: backing off until 2030-01-01T00:00:00.000Z; feedmill run --retry fetches it now)\n',
  );
  assert.match(
    describeFeed({ ...backoff, code: 'FETCH_GONE', notFetched: 'gone', failures: 1 }, 'normal'),
    /\[FETCH_GONE\] \(not fetched: gone; remove it from feedmill\.yml or change its url\)\n$/,
  );
  const quiet = buffer(false);
  const progress = createRunProgress(quiet, 1, 'quiet');
  progress.done(backoff);
  assert.match(quiet.stderr, /^FAILED {2}gamma/, 'printed even with --quiet');
  assert.match(
    formatSummary({ feeds: [ok, backoff], elapsedMs: 0 }, false),
    /1 failed \(1 of them not fetched: backing off or gone\)$/,
  );
});
