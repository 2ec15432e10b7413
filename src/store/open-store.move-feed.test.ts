import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from './open-store.ts';

const record = (key: string) => ({
  key,
  contentHash: 'h',
  postPath: `C/${key}.md`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-11-30T00:00:00.000Z',
});

test('a moved feed keeps its items, tombstones and id; what the old url said is cleared', () => {
  const store = openStore(':memory:');
  const old = store.feed('https://old.test/feed', 'f0');
  store.recordSuccess(old.id, [record('a'), record('b')], {
    validators: { etag: '"1"', lastModified: 'Mon, 30 Nov 2026 00:00:00 GMT' },
    movedTo: 'https://elsewhere.test/feed',
  });
  store.beginPrune([{ ...record('b'), feedId: old.id }], new Date());
  store.clearPending([{ feedId: old.id, key: 'b' }]);
  store.recordFailure(old.id, 'FETCH_FAILED', 'down', new Date(Date.now() + 3_600_000));
  store.markGone(old.id, 'gone');

  const moved = store.moveFeed('f0', 'https://new.test/feed', new Set(['https://new.test/feed']));
  assert.deepEqual(moved, {
    name: 'f0',
    from: 'https://old.test/feed',
    to: 'https://new.test/feed',
    posts: 1,
  });
  assert.equal(store.findFeed('https://old.test/feed'), undefined);
  assert.deepEqual(store.feed('https://new.test/feed', 'f0'), {
    id: old.id,
    url: 'https://new.test/feed',
    status: 'active',
    consecutiveFailures: 0,
  });
  assert.deepEqual([...store.items(old.id).keys()], ['a']);
  assert.deepEqual([...store.prunedKeys(old.id)], ['b']);
  store.close();
});

test('no move when the new url has a row, the old url is still configured, or the name differs', () => {
  const store = openStore(':memory:');
  store.feed('https://old.test/feed', 'f0');
  store.feed('https://new.test/feed');
  const configured = new Set(['https://new.test/feed']);
  assert.equal(store.moveFeed('f0', 'https://new.test/feed', configured), undefined);
  assert.equal(store.moveFeed('f1', 'https://third.test/feed', configured), undefined);
  configured.add('https://old.test/feed');
  assert.equal(store.moveFeed('f0', 'https://third.test/feed', configured), undefined);
  assert.ok(store.findFeed('https://old.test/feed'));
  store.close();
});

test('feed() records the config name, and a renamed or unnamed feed updates it', () => {
  const store = openStore(':memory:');
  store.feed('https://old.test/feed', 'f0');
  // Renamed in the config: the old name no longer finds the row.
  store.feed('https://old.test/feed', 'renamed');
  assert.equal(store.moveFeed('f0', 'https://new.test/feed', new Set()), undefined);
  // Left as recorded when the caller does not know the name (adoption).
  store.feed('https://old.test/feed');
  assert.equal(store.moveFeed('renamed', 'https://new.test/feed', new Set())?.to, 'https://new.test/feed');
  store.feed('https://new.test/feed', null);
  assert.equal(store.moveFeed('renamed', 'https://third.test/feed', new Set()), undefined);
  store.close();
});
