import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { Subscription } from '../model.ts';
import { selectFeeds } from './select-feeds.ts';

const feeds: Subscription[] = [
  {
    name: 'a',
    source: 'rsshub:/x',
    locations: [{ kind: 'http', url: 'https://r.example/x' }],
    categories: [],
    limit: 1,
    timezone: 'UTC',
  },
  {
    name: 'b',
    source: 'b.xml',
    locations: [{ kind: 'file', path: '/site/b.xml' }],
    categories: [],
    limit: 1,
    timezone: 'UTC',
  },
];

test('--feed matches a name, the source as written or a resolved URL; none selects all', () => {
  assert.deepEqual(
    selectFeeds(feeds, []).map((feed) => feed.name),
    ['a', 'b'],
  );
  assert.deepEqual(
    selectFeeds(feeds, ['b']).map((feed) => feed.name),
    ['b'],
  );
  assert.deepEqual(
    selectFeeds(feeds, ['rsshub:/x']).map((feed) => feed.name),
    ['a'],
  );
  assert.deepEqual(
    selectFeeds(feeds, ['https://r.example/x', 'b']).map((feed) => feed.name),
    ['a', 'b'],
  );
});

test('an unknown --feed is a usage error that lists the known names', () => {
  assert.throws(
    () => selectFeeds(feeds, ['zzz']),
    (error: unknown) =>
      error instanceof FeedmillError && error.code === 'USAGE' && /known: a, b/.test(error.message),
  );
});
