import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test('ISO-like dates with the month named in Hungarian', () => {
  assert.equal(iso('2004-július-13T9:15-05:00'), '2004-07-13T14:15:00.000Z');
  assert.equal(iso('2004-Március-01T09:15:30+01:00'), '2004-03-01T08:15:30.000Z');
  assert.equal(iso('2010-okt.-5T23:00Z'), '2010-10-05T23:00:00.000Z');
  assert.equal(iso('2010-december-24', 'Europe/Budapest'), '2010-12-23T23:00:00.000Z');
  // Decomposed accents (u and a combining acute) are the same letters.
  assert.equal(iso('2004-ju\u0301lius-13T9:15-05:00'), '2004-07-13T14:15:00.000Z');
  assert.equal(iso('2004-július-32T9:15-05:00'), undefined);
  assert.equal(iso('2004-juli-13T9:15-05:00'), undefined);
});
