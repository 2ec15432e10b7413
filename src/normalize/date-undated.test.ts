import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item } from '../model.ts';
import { dateUndated } from './date-undated.ts';

const NOW = new Date('2026-12-06T12:00:00Z');
const item = (key: string, publishedKnown: boolean): Item => ({
  key,
  title: key,
  html: '',
  published: new Date('2026-01-01T00:00:00Z'),
  publishedKnown,
  authors: [],
  tags: [],
});

test('an undated item takes the time its post was first seen, else now; dated items are left alone', () => {
  const seen = new Map([['posted', '2026-11-30T08:00:00.000Z']]);
  const [dated, posted, fresh] = dateUndated(
    [item('dated', true), item('posted', false), item('fresh', false)],
    (key) => seen.get(key),
    NOW,
  );
  assert.equal(dated?.published.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.equal(posted?.published.toISOString(), '2026-11-30T08:00:00.000Z');
  assert.equal(fresh?.published.toISOString(), NOW.toISOString());
  assert.equal(fresh?.publishedKnown, false);
});
