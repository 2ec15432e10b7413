import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../../src/errors.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS, type FetchOptions } from '../../src/fetch/index.ts';
import { type Drop, startKeepAliveServer } from './keep-alive-server.ts';

const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';
const OPTIONS: FetchOptions = {
  ...DEFAULT_FETCH_OPTIONS,
  timeoutMs: 2000,
  connectTimeoutMs: 1000,
  userAgent: 'feedmill/test',
};

/** Fetches the server's feed `times` times through one client (so connections are reused). */
async function fetchTimes(dropped: number[], drop: Drop, times: number) {
  const server = await startKeepAliveServer(FEED, dropped, drop);
  const fetcher = createFetcher(OPTIONS);
  const outcomes: Array<string | FeedmillError> = [];
  try {
    for (let n = 0; n < times; n++) {
      try {
        const result = await fetcher.fetch({ kind: 'http', url: server.url }, {});
        outcomes.push(result.kind === 'fetched' ? Buffer.from(result.body).toString() : result.kind);
      } catch (error) {
        assert.ok(error instanceof FeedmillError, `expected a FeedmillError, got ${String(error)}`);
        outcomes.push(error);
      }
    }
    return { outcomes, connections: server.connections, requests: server.requests };
  } finally {
    fetcher.close?.();
    await server.close();
  }
}

test('a GET on a kept-alive connection the server closed is sent once more on a new one', async () => {
  for (const drop of ['close', 'reset'] as const) {
    const seen = await fetchTimes([2], drop, 2);
    assert.deepEqual(seen.outcomes, [FEED, FEED], drop);
    assert.equal(seen.connections, 2, drop);
    assert.equal(seen.requests, 3, drop);
  }
});

test('the retry happens once: a second drop on the new connection fails the feed', async () => {
  const seen = await fetchTimes([2, 3], 'reset', 2);
  assert.equal(seen.outcomes[0], FEED);
  assert.equal((seen.outcomes[1] as FeedmillError).code, 'FETCH_FAILED');
  assert.equal(seen.connections, 2);
});

test('a reset on a fresh connection is not retried', async () => {
  const seen = await fetchTimes([1], 'reset', 1);
  assert.equal((seen.outcomes[0] as FeedmillError).code, 'FETCH_FAILED');
  assert.match((seen.outcomes[0] as FeedmillError).message, /the connection broke \(ECONNRESET\)/);
  assert.equal(seen.connections, 1);
  assert.equal(seen.requests, 1);
});

test('a reused connection reset after part of the answer arrived is not retried', async () => {
  const seen = await fetchTimes([2], 'partial-head', 2);
  assert.equal(seen.outcomes[0], FEED);
  assert.equal((seen.outcomes[1] as FeedmillError).code, 'FETCH_FAILED');
  assert.equal(seen.connections, 1);
  assert.equal(seen.requests, 2);
});
