import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { carryOverState } from './carry-over-state.ts';
import { openStore } from './open-store.ts';

const record = (key: string) => ({
  key,
  contentHash: 'h',
  postPath: `C/${key}.md`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-11-30T00:00:00.000Z',
});

test('processor values are kept per feed, processor and item, and replaced', () => {
  const store = openStore(':memory:');
  const a = store.feed('a');
  const b = store.feed('b');
  assert.equal(store.processorValue(a.id, 'filter', 'k'), undefined);
  store.setProcessorValue(a.id, 'filter', 'k', 'drop');
  store.setProcessorValue(a.id, 'full-text', 'k', '{"html":"x"}');
  store.setProcessorValue(b.id, 'filter', 'k', 'keep');
  assert.equal(store.processorValue(a.id, 'filter', 'k'), 'drop');
  assert.equal(store.processorValue(a.id, 'full-text', 'k'), '{"html":"x"}');
  assert.equal(store.processorValue(b.id, 'filter', 'k'), 'keep');
  store.setProcessorValue(a.id, 'filter', 'k', 'keep');
  assert.equal(store.processorValue(a.id, 'filter', 'k'), 'keep');
  store.close();
});

test('values of items that left the feed without a post are forgotten; posts and current items keep theirs', () => {
  const store = openStore(':memory:');
  const feed = store.feed('a');
  store.recordSuccess(feed.id, [record('posted')], { validators: {} });
  for (const key of ['posted', 'current', 'gone']) store.setProcessorValue(feed.id, 'filter', key, 'v');
  const other = store.feed('b');
  store.setProcessorValue(other.id, 'filter', 'gone', 'v');
  store.forgetProcessorValues(feed.id, ['current']);
  assert.equal(store.processorValue(feed.id, 'filter', 'posted'), 'v');
  assert.equal(store.processorValue(feed.id, 'filter', 'current'), 'v');
  assert.equal(store.processorValue(feed.id, 'filter', 'gone'), undefined);
  assert.equal(store.processorValue(other.id, 'filter', 'gone'), 'v');
  store.close();
});

test('pruning an item forgets its values; merging a feed moves them', () => {
  const store = openStore(':memory:');
  const feed = store.feed('a');
  store.recordSuccess(feed.id, [record('old')], { validators: {} });
  store.setProcessorValue(feed.id, 'full-text', 'old', 'article');
  store.beginPrune([{ ...record('old'), feedId: feed.id }], new Date());
  assert.equal(store.processorValue(feed.id, 'full-text', 'old'), undefined);
  const provisional = store.feed('provisional');
  store.setProcessorValue(provisional.id, 'full-text', 'x', 'article');
  store.mergeFeed(provisional.id, feed.id);
  assert.equal(store.processorValue(feed.id, 'full-text', 'x'), 'article');
  store.close();
});

test('a state rebuild carries the processor values over', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const old = openStore(join(folder, 'old.db'));
    const feed = old.feed('a');
    old.setProcessorValue(feed.id, 'full-text', 'k', 'article');
    old.close();
    assert.equal(carryOverState(join(folder, 'old.db'), join(folder, 'new.db')).kind, 'kept');
    const rebuilt = openStore(join(folder, 'new.db'));
    assert.equal(rebuilt.processorValue(rebuilt.feed('a').id, 'full-text', 'k'), 'article');
    rebuilt.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
