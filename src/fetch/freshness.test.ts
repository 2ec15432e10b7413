import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshForMs, MAX_FRESH_MS } from './freshness.ts';

const received = Date.parse('2026-12-07T10:00:00Z');
const http = (iso: string) => new Date(iso).toUTCString();
const SECOND = 1000;

test('max-age gives the freshness lifetime, less the age the response already has', () => {
  assert.equal(freshForMs({ 'cache-control': 'public, max-age=600' }, received), 600 * SECOND);
  assert.equal(freshForMs({ 'cache-control': 'max-age=600', age: '100' }, received), 500 * SECOND);
  // A Date two minutes before arrival makes the response two minutes old (apparent age)…
  const date = http('2026-12-07T09:58:00Z');
  assert.equal(freshForMs({ 'cache-control': 'max-age=600', date }, received), 480 * SECOND);
  // …and the larger of the two ages counts.
  assert.equal(freshForMs({ 'cache-control': 'max-age=600', date, age: '30' }, received), 480 * SECOND);
  assert.equal(freshForMs({ 'cache-control': 'max-age=600', date, age: '300' }, received), 300 * SECOND);
  // A Date in the future (a fast server clock) makes no negative age.
  assert.equal(
    freshForMs({ 'cache-control': 'max-age=60', date: http('2026-12-07T10:05:00Z') }, received),
    60 * SECOND,
  );
  assert.equal(freshForMs({ 'cache-control': 'max-age=60', age: '120' }, received), 0);
});

test('directive names are case-insensitive, arguments may be quoted, s-maxage is not ours', () => {
  assert.equal(freshForMs({ 'cache-control': 'Max-Age=60' }, received), 60 * SECOND);
  assert.equal(freshForMs({ 'cache-control': 'max-age="60"' }, received), 60 * SECOND);
  assert.equal(freshForMs({ 'cache-control': ' , private,,max-age = 60 , ' }, received), 60 * SECOND);
  assert.equal(freshForMs({ 'cache-control': 'ext="a, max-age=9", max-age=60' }, received), 60 * SECOND);
  // s-maxage is for shared caches; a feed reader is a private one.
  assert.equal(freshForMs({ 'cache-control': 's-maxage=600' }, received), undefined);
  assert.equal(freshForMs({ 'cache-control': 's-maxage=600, max-age=60' }, received), 60 * SECOND);
});

test('no-cache, no-store, invalid or repeated max-age: stale, whatever else is said', () => {
  assert.equal(freshForMs({ 'cache-control': 'no-cache, max-age=600' }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'max-age=600, No-Store' }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'max-age=ten' }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'max-age=-5' }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'max-age' }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'max-age=60, max-age=600' }, received), 0);
  // max-age outranks Expires, even a later one.
  const expires = http('2026-12-07T12:00:00Z');
  assert.equal(freshForMs({ 'cache-control': 'max-age=0', expires }, received), 0);
});

test('Expires counts from Date, or from arrival without one; an invalid Expires is in the past', () => {
  const date = http('2026-12-07T10:00:00Z');
  assert.equal(freshForMs({ expires: http('2026-12-07T10:30:00Z'), date }, received), 1800 * SECOND);
  assert.equal(freshForMs({ expires: http('2026-12-07T10:30:00Z') }, received), 1800 * SECOND);
  // A server clock ten minutes behind: the lifetime is Expires − Date, not Expires − now.
  assert.equal(
    freshForMs({ expires: http('2026-12-07T10:20:00Z'), date: http('2026-12-07T09:50:00Z') }, received),
    1800 * SECOND - 600 * SECOND,
  );
  assert.equal(freshForMs({ expires: '0', date }, received), 0);
  assert.equal(freshForMs({ expires: http('2026-12-07T09:00:00Z'), date }, received), 0);
  assert.equal(freshForMs({ 'cache-control': 'public', expires: '-1' }, received), 0);
  // Not an HTTP-date (no zone; another zone): invalid, so stale, not read as some local time.
  assert.equal(freshForMs({ expires: 'Mon, 07 Dec 2026 12:00:00', date }, received), 0);
  assert.equal(freshForMs({ expires: 'Mon, 07 Dec 2026 12:00:00 +0100', date }, received), 0);
});

test('nothing said, nothing delayed; a year of max-age is held to a day', () => {
  assert.equal(freshForMs({}, received), undefined);
  assert.equal(freshForMs({ 'cache-control': 'public, must-revalidate' }, received), undefined);
  assert.equal(freshForMs({ date: http('2026-12-07T10:00:00Z') }, received), undefined);
  assert.equal(freshForMs({ 'cache-control': 'max-age=31536000' }, received), MAX_FRESH_MS);
  // Larger than any integer a cache holds: 2^31 seconds (RFC 9111 §1.2.2), still a day here.
  assert.equal(freshForMs({ 'cache-control': `max-age=${'9'.repeat(40)}` }, received), MAX_FRESH_MS);
});
