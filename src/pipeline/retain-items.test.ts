import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item } from '../model.ts';
import { retainItems } from './retain-items.ts';

const NOW = new Date('2026-12-06T00:00:00Z');
const item = (key: string, published: string): Item => ({
  key,
  title: key,
  html: '',
  published: new Date(published),
  publishedKnown: true,
  authors: [],
  tags: [],
});

test('pruned items never come back; old items are written only when they already have a post', () => {
  const items = [
    item('pruned', '2026-12-05T00:00:00Z'),
    item('old-new', '2026-01-01T00:00:00Z'),
    item('old-posted', '2026-01-01T00:00:00Z'),
    item('fresh', '2026-12-05T00:00:00Z'),
  ];
  const state = { pruned: new Set(['pruned']), known: new Set(['old-posted']) };
  assert.deepEqual(
    retainItems(items, state, { maxAgeDays: 30 }, NOW).map((one) => one.key),
    ['old-posted', 'fresh'],
  );
  assert.deepEqual(
    retainItems(items, state, undefined, NOW).map((one) => one.key),
    ['old-new', 'old-posted', 'fresh'],
  );
});
