import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FeedReport, summarize } from '../pipeline/index.ts';
import { EXIT_CODES, runExitCode } from './run-exit-code.ts';

const ok: FeedReport = {
  name: 'ok',
  status: 'ok',
  created: 1,
  updated: 0,
  unchanged: 0,
  source: 's',
  diagnostics: [],
};
const same: FeedReport = { name: 'same', status: 'not-modified', source: 's' };
const failed: FeedReport = { name: 'bad', status: 'failed', code: 'FETCH_TIMEOUT', message: 'x' };
const backingOff: FeedReport = {
  name: 'waiting',
  status: 'failed',
  code: 'FETCH_HTTP_STATUS',
  message: 'answered 500',
  failures: 4,
  nextCheck: '2030-01-01T00:00:00.000Z',
  notFetched: 'backoff',
};
const gone: FeedReport = { ...backingOff, name: 'gone', code: 'FETCH_GONE', notFetched: 'gone' };
const code = (...feeds: FeedReport[]) => runExitCode(summarize({ feeds, elapsedMs: 0 }));

test('0 when every feed is ok or not modified, and when no feed ran', () => {
  assert.equal(code(ok, same), EXIT_CODES.ok);
  assert.equal(code(), 0);
});

test('3 when some feeds fail, counting feeds skipped for backoff or gone as failing', () => {
  assert.equal(code(ok, failed), 3);
  assert.equal(code(ok, backingOff), 3, 'a feed in backoff is still failing');
  assert.equal(code(same, gone), 3, 'a gone feed is failing until the config changes');
});

test('4 when every selected feed fails, whether fetched this run or not', () => {
  assert.equal(code(failed), EXIT_CODES.allFailing);
  assert.equal(code(failed, backingOff, gone), 4);
});

test('summarize counts not-fetched feeds among the failed', () => {
  assert.deepEqual(summarize({ feeds: [ok, same, failed, backingOff, gone], elapsedMs: 0 }), {
    feeds: 5,
    created: 1,
    updated: 0,
    unchanged: 0,
    notModified: 1,
    failed: 3,
    notFetched: 2,
    finished: 0,
  });
});
