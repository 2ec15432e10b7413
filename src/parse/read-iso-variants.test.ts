import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test("two-digit years, feedparser's documented ISO 8601 forms", () => {
  assert.equal(iso('031231'), '2003-12-31T00:00:00.000Z');
  assert.equal(iso('03-12-31'), '2003-12-31T00:00:00.000Z');
  assert.equal(iso('-03-12'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('-0312'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('-03-12-31'), '2003-12-31T00:00:00.000Z');
  assert.equal(iso('99-12-31'), '1999-12-31T00:00:00.000Z');
  // With a time: T or a space, seconds and fractions optional, lower-case t and z.
  assert.equal(iso('031231T101455Z'), '2003-12-31T10:14:55.000Z');
  assert.equal(iso('03-12-31 10:14'), '2003-12-31T10:14:00.000Z');
  assert.equal(iso('03-12-31t10:14:55.25z'), '2003-12-31T10:14:55.250Z');
  assert.equal(iso('03-12-31T10:14:55-08:00'), '2003-12-31T18:14:55.000Z');
  assert.equal(iso('03-12-31 10:14', 'Asia/Seoul'), '2003-12-31T01:14:00.000Z');
  assert.equal(iso('03-12-32'), undefined);
  assert.equal(iso('03-02-29'), undefined);
});

test('ordinal dates with a two- or four-digit year, and with a time', () => {
  assert.equal(iso('03335'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('03-335'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('2003335'), '2003-12-01T00:00:00.000Z');
  assert.equal(iso('2003-335T10:14:55Z'), '2003-12-01T10:14:55.000Z');
  assert.equal(iso('2004-366 23:00+01:00'), '2004-12-31T22:00:00.000Z');
  assert.equal(iso('03-366'), undefined);
});

test('week dates: the weekday, Monday when left out', () => {
  assert.equal(iso('2004-W53-6'), '2005-01-01T00:00:00.000Z');
  assert.equal(iso('2004W536'), '2005-01-01T00:00:00.000Z');
  assert.equal(iso('2009-W01'), '2008-12-29T00:00:00.000Z');
  assert.equal(iso('2021-w01-5T12:00:00+02:00'), '2021-01-08T10:00:00.000Z');
  assert.equal(iso('2003-W53-1'), undefined);
  assert.equal(iso('2003-W01-8'), undefined);
});

test("the month with an extra leading zero, as Google's feeds wrote it", () => {
  assert.equal(iso('2003-012-31T10:14:55+00:00'), '2003-12-31T10:14:55.000Z');
  assert.equal(iso('2003-012-32T10:14:55+00:00'), undefined);
});
