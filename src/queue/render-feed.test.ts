import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { openProcessorScope, refusingPageFetcher } from '../process/index.ts';
import { HEXO_TARGET } from '../render/index.ts';
import type { StoredFeed } from '../store/index.ts';
import { type RenderFeedInput, renderFeed } from './render-feed.ts';

// A worker renders a feed that says it is finished (JSON Feed `expired`) as `run` does: its
// items as usual, the word and the next check (a day later) for publish to record, and a
// finished feed's 304 or failure waits a day too.

const NOW = new Date('2026-12-07T00:00:00.000Z');
const DAY_LATER = '2026-12-08T00:00:00.000Z';
const subscription: Subscription = {
  name: 'done',
  source: 'https://done.test/feed.json',
  locations: [{ kind: 'http', url: 'https://done.test/feed.json' }],
  categories: ['Done'],
  limit: 50,
  timezone: 'UTC',
};
const body = (expired: boolean) =>
  new TextEncoder().encode(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Done',
      expired,
      items: [{ id: '1', title: 'One', content_html: '<p>one</p>', date_published: '2026-11-01T00:00:00Z' }],
    }),
  );

function render(answer: FetchResult | Error, stored: Partial<StoredFeed> = {}) {
  const fetcher: Fetcher = {
    async fetch() {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const input: RenderFeedInput = {
    subscription,
    stored: { id: 1, url: subscription.source, status: 'active', consecutiveFailures: 0, ...stored },
    known: new Map(),
    pruned: new Set(),
    validators: {},
    cached: new Map(),
    target: HEXO_TARGET,
    site: {},
    fetcher,
    fetchPage: refusingPageFetcher('this test'),
    scope: openProcessorScope(undefined),
    now: NOW,
  };
  return renderFeed(input);
}

const fetched = (expired: boolean): FetchResult => ({
  kind: 'fetched',
  body: body(expired),
  contentType: 'application/feed+json',
  url: subscription.source,
  validators: { etag: '"1"' },
});

test("a finished feed's render carries the word and its next check; its items are rendered", async () => {
  const outcome = await render(fetched(true));
  assert.equal(outcome.kind, 'rendered');
  if (outcome.kind !== 'rendered') return;
  assert.equal(outcome.posts.length, 1);
  assert.deepEqual(outcome.update, {
    validators: { etag: '"1"' },
    finished: true,
    nextCheck: new Date(DAY_LATER),
  });
  const resumed = await render(fetched(false), { status: 'finished' });
  assert.deepEqual(resumed.kind === 'rendered' && resumed.update, { validators: { etag: '"1"' } });
});

test("a finished feed's 304 keeps it a day away; its failures wait a day", async () => {
  const same = await render({ kind: 'not-modified', url: subscription.source }, { status: 'finished' });
  assert.deepEqual(same, { kind: 'not-modified', update: { nextCheck: new Date(DAY_LATER) } });
  const active = await render({ kind: 'not-modified', url: subscription.source });
  assert.deepEqual(active, { kind: 'not-modified', update: {} });

  const failed = await render(new FeedmillError('FETCH_TIMEOUT', 'timed out'), { status: 'finished' });
  assert.equal(failed.kind === 'failed' && failed.nextCheck?.toISOString(), DAY_LATER);
  const limited = await render(
    { kind: 'retry-later', url: subscription.source, status: 503, retryAfterMs: 1000 },
    { status: 'finished' },
  );
  assert.equal(limited.kind === 'failed' && limited.nextCheck?.toISOString(), DAY_LATER);
});
