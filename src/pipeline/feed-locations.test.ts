import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Subscription } from '../model.ts';
import type { StoredFeed } from '../store/index.ts';
import { feedLocations } from './feed-locations.ts';

const subscription = (urlEnv?: Map<string, string>): Subscription => ({
  name: 'f',
  source: 'https://a.example/feed?t=${TOKEN}',
  locations: [{ kind: 'http', url: 'https://a.example/feed?t=now' }],
  categories: [],
  limit: 15,
  timezone: 'UTC',
  ...(urlEnv ? { urlEnv } : {}),
});
const stored = (redirectedUrl?: string): StoredFeed => ({
  id: 1,
  url: 'https://a.example/feed?t=${TOKEN}',
  status: 'active',
  consecutiveFailures: 0,
  ...(redirectedUrl ? { redirectedUrl } : {}),
});

test('a stored redirect target is polled, with the secrets it names filled in', () => {
  const bound = new Map([['TOKEN', 'now']]);
  assert.deepEqual(feedLocations(subscription(bound), stored('https://b.example/moved?t=${TOKEN}')), [
    { kind: 'http', url: 'https://b.example/moved?t=now' },
  ]);
  assert.deepEqual(feedLocations(subscription(bound), stored('https://b.example/plain')), [
    { kind: 'http', url: 'https://b.example/plain' },
  ]);
  assert.deepEqual(feedLocations(subscription(bound), stored()), subscription(bound).locations);
});

test('a stored target naming a variable the feed no longer has is not followed', () => {
  assert.deepEqual(
    feedLocations(subscription(), stored('https://b.example/moved?t=${TOKEN}')),
    subscription().locations,
  );
});
