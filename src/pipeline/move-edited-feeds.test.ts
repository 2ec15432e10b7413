import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asyncFromSqlite, openStore } from '../store/index.ts';
import { configNameOf, moveEditedFeeds, moveEditedFeedsAsync } from './move-edited-feeds.ts';

const config = [
  { name: 'f0', url: 'https://new.test/a' },
  { url: 'https://new.test/unnamed' },
  { name: 'f2', url: 'https://kept.test/c' },
];

function seeded() {
  const store = openStore(':memory:');
  store.feed('https://old.test/a', 'f0');
  store.feed('https://kept.test/c', 'f2');
  store.feed('https://old.test/unnamed', null);
  return store;
}

test('only named feeds whose url has no row move, in one pass over the config', () => {
  const store = seeded();
  assert.deepEqual(moveEditedFeeds(store, config), [
    { name: 'f0', from: 'https://old.test/a', to: 'https://new.test/a', posts: 0 },
  ]);
  assert.deepEqual(moveEditedFeeds(store, config), []);
  store.close();
});

test('workers move the same feeds through the asynchronous store', async () => {
  const store = asyncFromSqlite(seeded(), ':memory:');
  assert.deepEqual(
    (await moveEditedFeedsAsync(store, config)).map((moved) => moved.to),
    ['https://new.test/a'],
  );
  assert.deepEqual(await moveEditedFeedsAsync(store, config), []);
  await store.close();
});

test('a feed row records its config name, none when unnamed', () => {
  assert.equal(configNameOf({ name: 'f0', source: 'https://a.test/' }), 'f0');
  assert.equal(configNameOf({ name: 'https://a.test/', source: 'https://a.test/' }), null);
});
