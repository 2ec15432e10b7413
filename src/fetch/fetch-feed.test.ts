import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { FeedLocation } from '../model.ts';
import { type Fetcher, fetchFirst } from './fetch-feed.ts';
import type { FetchResult } from './fetch-result.ts';

const locations: FeedLocation[] = [
  { kind: 'http', url: 'https://a.test/r' },
  { kind: 'http', url: 'https://b.test/r' },
];

function fake(answers: Record<string, FetchResult | FeedmillError>): Fetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(location) {
      const url = location.kind === 'http' ? location.url : location.path;
      asked.push(url);
      const answer = answers[url]!;
      if (answer instanceof FeedmillError) throw answer;
      return answer;
    },
  };
}

const fetched = (url: string): FetchResult => ({
  kind: 'fetched',
  body: new Uint8Array(),
  url,
  validators: {},
});

test('one instance answering 429 or 410 falls through to the next', async () => {
  for (const first of [
    { kind: 'retry-later', url: 'https://a.test/r', status: 429 } as const,
    { kind: 'gone', url: 'https://a.test/r' } as const,
  ]) {
    const fetcher = fake({ 'https://a.test/r': first, 'https://b.test/r': fetched('https://b.test/r') });
    assert.equal((await fetchFirst(fetcher, locations, {})).url, 'https://b.test/r');
    assert.deepEqual(fetcher.asked, ['https://a.test/r', 'https://b.test/r']);
  }
});

test('the last instance’s polling answer is returned as is; errors everywhere are combined', async () => {
  const gone = fake({
    'https://a.test/r': { kind: 'gone', url: 'https://a.test/r' },
    'https://b.test/r': { kind: 'retry-later', url: 'https://b.test/r', status: 503, retryAfterMs: 1000 },
  });
  assert.deepEqual(await fetchFirst(gone, locations, {}), {
    kind: 'retry-later',
    url: 'https://b.test/r',
    status: 503,
    retryAfterMs: 1000,
    location: { kind: 'http', url: 'https://b.test/r' },
  });
  const failing = fake({
    'https://a.test/r': new FeedmillError('FETCH_TIMEOUT', 'slow a'),
    'https://b.test/r': new FeedmillError('FETCH_HTTP_STATUS', 'HTTP 500 b'),
  });
  await assert.rejects(fetchFirst(failing, locations, {}), (error: unknown) => {
    assert.ok(error instanceof FeedmillError);
    assert.equal(error.code, 'FETCH_HTTP_STATUS');
    assert.match(error.message, /slow a; HTTP 500 b/);
    return true;
  });
});
