import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test('Perforce dates: a day name, then year/month/day, a time and a zone', () => {
  assert.equal(iso('Fri, 2006/09/15 08:19:53 EDT'), '2006-09-15T12:19:53.000Z');
  assert.equal(iso('Fri, 2006/09/15 08:19:53 +0200'), '2006-09-15T06:19:53.000Z');
  assert.equal(iso('Fri, 2006/09/15 08:19', 'Europe/Berlin'), '2006-09-15T06:19:00.000Z');
  assert.equal(iso('Fri, 2006/09/31 08:19:53 EDT'), undefined);
  assert.equal(iso('Fri, 2006/09/15 08:19:53 XYZ'), undefined);
});
