import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rssFeed } from '../../test/http/make-feed.ts';
import type { Fetcher } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { HEXO_TARGET } from '../render/index.ts';
import { openStore } from '../store/index.ts';
import type { PostWriter } from './apply-writes.ts';
import { BATCH_ITEMS } from './render-feed.ts';
import { runSync } from './run-sync.ts';

const ITEMS = BATCH_ITEMS + 100;

const subscription: Subscription = {
  name: 'big',
  source: 'https://big.test/feed',
  locations: [{ kind: 'http', url: 'https://big.test/feed' }],
  categories: ['Big'],
  limit: 10_000,
  timezone: 'UTC',
};

const fetcher: Fetcher = {
  async fetch() {
    const items = Array.from({ length: ITEMS }, (_unused, index) => ({
      guid: `item-${index}`,
      title: `Item ${index}`,
      html: `<p>Item ${index}</p>`,
      date: new Date(Date.UTC(2026, 0, 1, 0, index)),
    }));
    return {
      kind: 'fetched',
      body: new TextEncoder().encode(rssFeed('big', items)),
      url: 'https://big.test/feed',
      validators: { etag: '"v1"' },
    };
  },
};

/** Writes into `files`; fails for the posts `fails` names. */
function writer(files: Map<string, string>, fails: (path: string) => boolean): PostWriter {
  return {
    async write(path, content) {
      if (fails(path)) throw new Error(`disk full writing ${path}`);
      files.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    },
    async remove(path) {
      files.delete(path);
    },
    async flush() {},
  };
}

test('a large feed is written in batches: a failure keeps the batches before it, the validators wait', async () => {
  const store = openStore(':memory:');
  const files = new Map<string, string>();
  const run = (fails: (path: string) => boolean) =>
    runSync(
      { subscriptions: [subscription], target: HEXO_TARGET, site: {}, concurrency: 1 },
      { fetcher, store, writer: writer(files, fails), namesIn: () => [], now: () => new Date('2026-02-01') },
    );
  // The oldest item (items go newest first, so in the last batch) cannot be written: the first
  // batch's posts are recorded, the feed is not.
  const failed = await run((path) => path.endsWith('/Item-0.md'));
  assert.equal(failed.feeds[0]?.status, 'failed', JSON.stringify(failed.feeds[0]));
  const { id } = store.feed(subscription.source);
  assert.equal(store.items(id).size, BATCH_ITEMS);
  assert.equal(store.feed(subscription.source).etag, undefined, 'no validators before every post is written');
  const done = await run(() => false);
  const report = done.feeds[0];
  assert.equal(report?.status, 'ok');
  assert.deepEqual(report?.status === 'ok' ? [report.created, report.updated, report.unchanged] : [], [
    ITEMS - BATCH_ITEMS,
    0,
    BATCH_ITEMS,
  ]);
  assert.equal(store.items(id).size, ITEMS);
  assert.equal(files.size, ITEMS);
  assert.equal(store.feed(subscription.source).etag, '"v1"');
  store.close();
});
