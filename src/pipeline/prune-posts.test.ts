import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asyncFromSqlite, openStore } from '../store/index.ts';
import { applyPrune, isBeyondAge, planPrune, planStorePrune } from './prune-posts.ts';

const NOW = new Date('2026-12-01T00:00:00Z');

function storeWith(days: number[]) {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  store.recordSuccess(
    feed.id,
    days.map((day) => ({
      key: `k${day}`,
      contentHash: 'h',
      postPath: `C/${day}.md`,
      firstSeen: NOW.toISOString(),
      published: new Date(NOW.getTime() - day * 86_400_000).toISOString(),
    })),
    { validators: {} },
  );
  return store;
}

test('max_items_per_feed keeps the newest by published date', () => {
  const store = storeWith([1, 5, 2, 9, 3]);
  const candidates = planPrune(store, [{ source: 'f', keep: { maxItemsPerFeed: 3 } }], NOW);
  assert.deepEqual(
    candidates.map((candidate) => [candidate.key, candidate.reason]),
    [
      ['k5', 'count'],
      ['k9', 'count'],
    ],
  );
  store.close();
});

test('max_age_days drops older posts; no policy or an unknown feed drops nothing', () => {
  const store = storeWith([1, 5, 40]);
  assert.deepEqual(
    planPrune(store, [{ source: 'f', keep: { maxAgeDays: 30 } }], NOW).map((candidate) => candidate.key),
    ['k40'],
  );
  assert.deepEqual(planPrune(store, [{ source: 'f', keep: {} }], NOW), []);
  assert.deepEqual(planPrune(store, [{ source: 'other', keep: { maxItemsPerFeed: 1 } }], NOW), []);
  store.close();
});

test('isBeyondAge only applies with max_age_days', () => {
  assert.equal(isBeyondAge(new Date('2026-01-01'), { maxAgeDays: 30 }, NOW), true);
  assert.equal(isBeyondAge(new Date('2026-11-30'), { maxAgeDays: 30 }, NOW), false);
  assert.equal(isBeyondAge(new Date('2000-01-01'), undefined, NOW), false);
});

test('planStorePrune plans over an asynchronous store exactly as planPrune; applyPrune awaits it', async () => {
  const store = storeWith([1, 5, 2, 9, 3, 40]);
  const other = store.feed('g');
  store.recordSuccess(
    other.id,
    [
      {
        key: 'g1',
        contentHash: 'h',
        postPath: 'D/g1.md',
        firstSeen: NOW.toISOString(),
        published: '2020-01-01T00:00:00Z',
      },
    ],
    { validators: {} },
  );
  const policies = [
    { source: 'f', keep: { maxItemsPerFeed: 4, maxAgeDays: 30 } },
    { source: 'g', keep: {} },
    { source: 'unknown', keep: { maxItemsPerFeed: 1 } },
  ];
  const expected = planPrune(store, policies, NOW);
  assert.deepEqual(
    expected.map((candidate) => [candidate.key, candidate.reason]),
    [
      ['k9', 'count'],
      ['k40', 'count'],
    ],
  );
  const async = asyncFromSqlite(store, ':memory:');
  const planned = await planStorePrune(async, policies, NOW);
  assert.deepEqual(planned, expected);
  const removed: string[] = [];
  await applyPrune(
    {
      store: async,
      writer: {
        write: async () => {},
        remove: async (path) => void removed.push(path),
        flush: async () => {},
      },
    },
    planned,
    NOW,
  );
  assert.deepEqual(removed, ['C/9.md', 'C/40.md']);
  assert.deepEqual([...(await async.prunedKeys(store.findFeed('f')!.id))].sort(), ['k40', 'k9']);
  assert.deepEqual(await async.pendingChanges(), [], 'the journal is cleared once the files are gone');
  assert.deepEqual([...store.items(store.findFeed('f')!.id).keys()].sort(), ['k1', 'k2', 'k3', 'k5']);
  await async.close();
});
