import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryOutput, namedSubscription } from '../../test/support/memory-output.ts';
import { type FeedReport, summarize } from '../pipeline/index.ts';
import type { FeedStatus } from '../store/index.ts';
import { feedState, feedStateText } from './commands/feed-state.ts';
import { formatJobSummary } from './job-summary.ts';
import { EXIT_CODES, runExitCode } from './run-exit-code.ts';
import { createRunProgress, describeFeed, formatSummary } from './run-progress.ts';

// A feed that says it is finished (JSON Feed `expired`) is named once per run, in plain words,
// as finished and not as a failure: in the log, on a terminal, in the closing line, in the
// GitHub Actions job summary, in the exit code and in `feedmill status`.

const NEXT = '2026-12-02T00:00:00.000Z';
const written: FeedReport = {
  name: 'archive',
  status: 'ok',
  created: 2,
  updated: 0,
  unchanged: 1,
  source: 'https://a.example/feed.json',
  diagnostics: [],
  finished: true,
  nextCheck: NEXT,
};
const skipped: FeedReport = {
  name: 'old blog',
  status: 'not-modified',
  source: 'https://b.example/feed.json',
  finished: true,
  nextCheck: NEXT,
  notFetched: 'finished',
};
const resumed: FeedReport = {
  name: 'back',
  status: 'ok',
  created: 1,
  updated: 0,
  unchanged: 0,
  source: 'https://c.example/feed.json',
  diagnostics: [],
  resumed: true,
};
const same: FeedReport = { name: 'same', status: 'not-modified', source: 's' };

const buffer = (isTTY: boolean) => memoryOutput(isTTY, 200);

const subscription = namedSubscription;

test('a finished feed has a line of its own saying so, what this run did and when it is next checked', () => {
  assert.equal(
    describeFeed(written, 'normal'),
    `ended   archive: finished; 2 new, 0 updated, 1 unchanged; its feed says it will not be updated again; its posts stay; checked once a day, next after ${NEXT}\n`,
  );
  assert.equal(
    describeFeed(skipped, 'normal'),
    `ended   old blog: finished; not fetched this run; its feed says it will not be updated again; its posts stay; checked once a day, next after ${NEXT} (feedmill run --retry checks it now)\n`,
  );
  assert.match(
    describeFeed({ ...skipped, notFetched: undefined }, 'normal'),
    /^ended {3}old blog: finished; not modified; .*next after \S+Z\n$/,
  );
  // Read from a file: no wait.
  assert.match(
    describeFeed({ ...written, nextCheck: undefined }, 'normal'),
    /its posts stay; read on every run\n$/,
  );
  assert.match(
    describeFeed(resumed, 'normal'),
    /^ok {6}back: 1 new, .*; resumed: its feed no longer says it is finished\n$/,
  );
});

test('on a terminal a finished or resumed feed is printed once, not as a failure; --quiet prints nothing', () => {
  for (const [isTTY, verbosity] of [
    [true, 'normal'],
    [false, 'normal'],
    [true, 'verbose'],
  ] as const) {
    const output = buffer(isTTY);
    const progress = createRunProgress(output, 4, verbosity);
    for (const feed of [written, skipped, resumed, same]) {
      progress.start(subscription(feed.name));
      progress.done(feed);
    }
    progress.finish({ feeds: [written, skipped, resumed, same], elapsedMs: 1000 });
    assert.equal(output.stderr, '', 'nothing on stderr: no failure');
    assert.equal(output.stdout.match(/ended {3}archive: finished/g)?.length, 1);
    assert.equal(output.stdout.match(/ended {3}old blog: finished/g)?.length, 1);
    assert.equal(output.stdout.match(/back: .*resumed/g)?.length, 1);
    assert.match(output.stdout, /0 failed; 2 finished \(no more updates: checked once a day\)\n$/);
  }
  const quiet = buffer(true);
  const progress = createRunProgress(quiet, 1, 'quiet');
  progress.done(written);
  progress.finish({ feeds: [written], elapsedMs: 1 });
  assert.equal(quiet.stdout + quiet.stderr, '');
});

test('finished feeds are counted apart from failures and do not change the exit code', () => {
  const totals = summarize({ feeds: [written, skipped, same], elapsedMs: 0 });
  assert.deepEqual([totals.finished, totals.failed, totals.notModified, totals.created], [2, 0, 2, 2]);
  assert.equal(runExitCode(totals), EXIT_CODES.ok);
  assert.equal(
    formatSummary({ feeds: [same], elapsedMs: 0 }, false),
    'done in 0.0 s: 1 feeds, 0 new, 0 updated, 0 unchanged, 1 not modified, 0 failed',
  );
});

test('the job summary lists a finished feed as finished, after the failing ones, with what it means', () => {
  const failing: FeedReport = { name: 'bad', status: 'failed', code: 'FETCH_TIMEOUT', message: 'timed out' };
  const markdown = formatJobSummary({ feeds: [same, resumed, skipped, failing, written], elapsedMs: 1000 });
  assert.match(markdown, /^## feedmill run: 1 of 5 feeds failing\n/);
  assert.match(markdown, / · 1 failing · 2 finished · 1\.0 s\n/);
  const rows = markdown.split('\n').filter((line) => /^\| (?!feed \||---)/.test(line));
  assert.deepEqual(rows, [
    '| bad | **failing** | – | – | `FETCH_TIMEOUT` timed out |',
    `| old blog | finished | 0 | 0 | not fetched this run; its feed says it will not be updated again; its posts stay; checked once a day, next after ${NEXT} (feedmill run --retry checks it now) |`,
    `| archive | finished | 2 | 0 | its feed says it will not be updated again; its posts stay; checked once a day, next after ${NEXT} |`,
    '| back | ok | 1 | 0 | resumed: no longer finished |',
    '| same | not modified | 0 | 0 |  |',
  ]);
  assert.match(formatJobSummary({ feeds: [written], elapsedMs: 0 }), /^## feedmill run: all 1 feeds ok\n/);
});

test('feedmill status shows a finished feed as finished; failing wins over it', () => {
  const status: FeedStatus = { url: 'u', consecutiveFailures: 0, posts: 3, finished: true, nextCheck: NEXT };
  assert.equal(feedState(status), 'finished');
  assert.equal(feedStateText(feedState(status)), 'finished');
  assert.equal(feedState({ ...status, consecutiveFailures: 1 }), 'failing');
  assert.equal(feedState({ ...status, finished: undefined }), 'ok');
  assert.equal(feedState(undefined), 'never-run');
});
