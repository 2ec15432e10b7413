import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from '../store/index.ts';
import { isBeyondAge, planPrune } from './prune-posts.ts';

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
