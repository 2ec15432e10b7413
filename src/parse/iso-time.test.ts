import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test('an ISO 8601 or MSSQL-style time takes the zones an RFC 822 date takes', () => {
  assert.equal(iso('2003-12-31T10:14:55+5:30'), '2003-12-31T04:44:55.000Z');
  assert.equal(iso('2003-12-31T10:14:55 GMT+05:30'), '2003-12-31T04:44:55.000Z');
  assert.equal(iso('2003-12-31T10:14:55 UTC-3'), '2003-12-31T13:14:55.000Z');
  assert.equal(iso('2004-07-08 23:56:58 EST'), '2004-07-09T04:56:58.000Z');
  assert.equal(iso('2004-07-08 23:56:58.0 KST'), '2004-07-08T14:56:58.000Z');
  assert.equal(iso('2003-12-31T10:14:55 Etc/GMT+5'), '2003-12-31T15:14:55.000Z');
  assert.equal(iso('2021-12-16 14:30 CST'), '2021-12-16T20:30:00.000Z');
  assert.equal(iso('2021-12-16 14:30 CST', 'Asia/Shanghai'), '2021-12-16T06:30:00.000Z');
  // A name it does not know, or an offset out of range written with a name, leaves it unread.
  assert.equal(iso('2003-12-31T10:14:55 XYZ'), undefined);
  assert.equal(iso('2003-12-31T10:14:55 GMT+15'), undefined);
  assert.equal(iso('2003-12-31T10:14:55 Etc/GMT+13'), undefined);
});
