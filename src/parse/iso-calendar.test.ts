import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromOrdinal, fromWeek, fullYear } from './iso-calendar.ts';

test('two-digit years: 00-49 are 20xx, 50-99 19xx', () => {
  assert.equal(fullYear(3), 2003);
  assert.equal(fullYear(49), 2049);
  assert.equal(fullYear(50), 1950);
  assert.equal(fullYear(99), 1999);
});

test('ordinal days count from 1 January, 366 only in leap years', () => {
  assert.deepEqual(fromOrdinal(2003, 335), { year: 2003, month: 12, day: 1 });
  assert.deepEqual(fromOrdinal(2004, 60), { year: 2004, month: 2, day: 29 });
  assert.deepEqual(fromOrdinal(2004, 366), { year: 2004, month: 12, day: 31 });
  assert.equal(fromOrdinal(2003, 366), undefined);
  assert.equal(fromOrdinal(2003, 0), undefined);
});

test('ISO weeks start on the Monday of the week of 4 January; 53 weeks only in long years', () => {
  // 2009's first week starts in 2008; 2004 (from a Thursday) has a 53rd week ending in 2005.
  assert.deepEqual(fromWeek(2009, 1, 1), { year: 2008, month: 12, day: 29 });
  assert.deepEqual(fromWeek(2004, 53, 6), { year: 2005, month: 1, day: 1 });
  assert.deepEqual(fromWeek(2021, 1, 1), { year: 2021, month: 1, day: 4 });
  assert.deepEqual(fromWeek(2020, 53, 7), { year: 2021, month: 1, day: 3 });
  // A leap year that starts on a Wednesday (1992) is long too; 2003 and 2021 are not.
  assert.deepEqual(fromWeek(1992, 53, 1), { year: 1992, month: 12, day: 28 });
  assert.equal(fromWeek(2003, 53, 1), undefined);
  assert.equal(fromWeek(2021, 53, 1), undefined);
  assert.equal(fromWeek(2021, 0, 1), undefined);
  assert.equal(fromWeek(2021, 1, 8), undefined);
  assert.equal(fromWeek(95, 1, 1), undefined);
});
