import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHttpDate } from './http-date.ts';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const SUNDAY = Date.parse('1994-11-06T08:49:37Z');

/** Runs `check` with the process in another time zone: an HTTP-date is always GMT. */
function inZone(zone: string, check: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    check();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

test('the three HTTP-date forms are GMT whatever the local time zone (RFC 9110 §5.6.7)', () => {
  for (const zone of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
    inZone(zone, () => {
      assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW), SUNDAY, zone);
      assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW), SUNDAY, zone);
      assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW), SUNDAY, zone);
      assert.equal(parseHttpDate('Sun Nov 16 08:49:37 1994', NOW), SUNDAY + 10 * 86_400_000, zone);
    });
  }
});

test('names are read case-insensitively and surrounding spaces are ignored', () => {
  assert.equal(parseHttpDate('  sun, 06 NOV 1994 08:49:37 gmt ', NOW), SUNDAY);
});

test('an RFC 850 year more than 50 years ahead is the last such year in the past', () => {
  assert.equal(parseHttpDate('Monday, 07-Dec-26 10:00:00 GMT', NOW), NOW);
  assert.equal(parseHttpDate('Thursday, 07-Dec-60 10:00:00 GMT', NOW), Date.parse('2060-12-07T10:00:00Z'));
  assert.equal(parseHttpDate('Sunday, 07-Dec-80 10:00:00 GMT', NOW), Date.parse('1980-12-07T10:00:00Z'));
  assert.equal(parseHttpDate('Tuesday, 07-Dec-99 10:00:00 GMT', NOW), Date.parse('1999-12-07T10:00:00Z'));
});

test('anything that is not an HTTP-date is undefined, not read as local time or guessed', () => {
  for (const value of [
    '',
    '0',
    '-1',
    '1700000000',
    'soon',
    'Sun, 06 Nov 1994 08:49:37', // no zone: local time to Date.parse
    'Sun, 06 Nov 1994', // no time
    'Sun, 06 Nov 1994 08:49:37 +0800',
    'Sun, 06 Nov 1994 08:49:37 PST',
    '1994-11-06T08:49:37Z',
    'Sun, 31 Nov 1994 08:49:37 GMT', // no 31st of November
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT', // two lines joined
  ]) {
    assert.equal(parseHttpDate(value, NOW), undefined, JSON.stringify(value));
  }
});
