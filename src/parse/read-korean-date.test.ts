import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test('OnBlog dates are read in Korea Standard Time', () => {
  assert.equal(iso('2004년 05월 28일  01:31:15'), '2004-05-27T16:31:15.000Z');
  assert.equal(iso('2004년 5월 28일 13:05'), '2004-05-28T04:05:00.000Z');
  assert.equal(iso('2004년 05월 28일'), '2004-05-27T15:00:00.000Z');
  // Written without a zone, yet not in the feed's: feedparser's reading.
  assert.equal(iso('2004년 05월 28일 01:31:15', 'America/New_York'), '2004-05-27T16:31:15.000Z');
  assert.equal(iso('2004년 02월 30일 01:31:15'), undefined);
});

test('Nate dates: 오전 is before noon, 오후 after; 12 is midnight or noon', () => {
  assert.equal(iso('2004-05-25 오후 11:23:17'), '2004-05-25T14:23:17.000Z');
  assert.equal(iso('2004-05-25 오전 11:23:17'), '2004-05-25T02:23:17.000Z');
  assert.equal(iso('2004-05-25 오전 12:05:00'), '2004-05-24T15:05:00.000Z');
  assert.equal(iso('2004-05-25 오후 12:05:00'), '2004-05-25T03:05:00.000Z');
  assert.equal(iso('2004-05-25 오후 1:5:3'), '2004-05-25T04:05:03.000Z');
  assert.equal(iso('2004-05-25 오후 13:05:00'), undefined);
});
