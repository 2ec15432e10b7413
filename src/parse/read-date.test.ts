import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDate } from './read-date.ts';

test('writes the date as toISOString does, milliseconds padded', () => {
  for (const raw of [
    '2021-12-16T07:12:34Z',
    '2021-12-16T07:12:34.005Z',
    '2021-12-16T07:12:34.05+08:00',
    '2021-01-02T03:04:05.5-05:30',
    'Sun, 02 Jan 2000 00:00:00 GMT',
  ])
    assert.equal(readDate([raw], 'UTC', [], undefined), new Date(raw).toISOString(), raw);
});
