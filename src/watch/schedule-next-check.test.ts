import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scheduleNextCheck } from './schedule-next-check.ts';

const at = (iso: string) => new Date(iso);
const middle = () => 0.5; // no jitter: (0.5 * 2 - 1) = 0
const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const start = at('2026-12-02T10:00:00Z'); // a Wednesday

test('the interval, or the feed ttl when longer', () => {
  assert.equal(
    minutes(start, scheduleNextCheck({ intervalMinutes: 30, consecutiveFailures: 0 }, start, middle)),
    30,
  );
  assert.equal(
    minutes(
      start,
      scheduleNextCheck({ intervalMinutes: 30, ttlMinutes: 120, consecutiveFailures: 0 }, start, middle),
    ),
    120,
  );
  assert.equal(
    minutes(
      start,
      scheduleNextCheck({ intervalMinutes: 30, ttlMinutes: 5, consecutiveFailures: 0 }, start, middle),
    ),
    30,
  );
});

test('jitter stays within ±10% and follows the random source', () => {
  const low = scheduleNextCheck({ intervalMinutes: 60, consecutiveFailures: 0 }, start, () => 0);
  const high = scheduleNextCheck({ intervalMinutes: 60, consecutiveFailures: 0 }, start, () => 0.999999);
  assert.equal(minutes(start, low), 54);
  assert.ok(Math.abs(minutes(start, high) - 66) < 0.01);
});

test('failures back off exponentially, capped at a day', () => {
  const wait = (failures: number) =>
    minutes(start, scheduleNextCheck({ intervalMinutes: 30, consecutiveFailures: failures }, start, middle));
  assert.deepEqual([1, 2, 3].map(wait), [60, 120, 240]);
  assert.equal(wait(5), 960);
  assert.equal(wait(40), 960);
  assert.equal(
    minutes(start, scheduleNextCheck({ intervalMinutes: 120, consecutiveFailures: 9 }, start, middle)),
    24 * 60,
  );
});

test('Retry-After is a floor', () => {
  const retryAfter = at('2026-12-02T13:00:00Z');
  const next = scheduleNextCheck({ intervalMinutes: 30, consecutiveFailures: 1, retryAfter }, start, middle);
  assert.equal(next.toISOString(), retryAfter.toISOString());
  const earlier = scheduleNextCheck(
    { intervalMinutes: 30, consecutiveFailures: 0, retryAfter: at('2026-12-02T10:05:00Z') },
    start,
    middle,
  );
  assert.equal(minutes(start, earlier), 30);
});

test('skipHours (GMT) and skipDays move the check to the first allowed hour', () => {
  const next = scheduleNextCheck(
    { intervalMinutes: 30, skipHours: [10, 11, 12], consecutiveFailures: 0 },
    start,
    middle,
  );
  assert.equal(next.toISOString(), '2026-12-02T13:00:00.000Z');
  const days = scheduleNextCheck(
    { intervalMinutes: 30, skipDays: ['Wednesday', 'Thursday'], consecutiveFailures: 0 },
    start,
    middle,
  );
  assert.equal(days.toISOString(), '2026-12-04T00:00:00.000Z');
  // Skipping every hour would starve the feed: the hint is ignored.
  const all = Array.from({ length: 24 }, (_, hour) => hour);
  assert.equal(
    minutes(
      start,
      scheduleNextCheck({ intervalMinutes: 30, skipHours: all, consecutiveFailures: 0 }, start, middle),
    ),
    30,
  );
});

test('the end of the last answer’s HTTP freshness is a floor, then skipHours apply', () => {
  const freshUntil = at('2026-12-02T11:15:00Z');
  const next = scheduleNextCheck({ intervalMinutes: 30, consecutiveFailures: 0, freshUntil }, start, middle);
  assert.equal(next.toISOString(), freshUntil.toISOString());
  const sooner = scheduleNextCheck(
    { intervalMinutes: 30, consecutiveFailures: 0, freshUntil: at('2026-12-02T10:10:00Z') },
    start,
    middle,
  );
  assert.equal(minutes(start, sooner), 30, 'an answer fresh for less than the interval changes nothing');
  const skipped = scheduleNextCheck(
    { intervalMinutes: 30, consecutiveFailures: 0, freshUntil, skipHours: [11] },
    start,
    middle,
  );
  assert.equal(skipped.toISOString(), '2026-12-02T12:00:00.000Z');
});

test('a finished feed waits for its recorded check, whatever its interval, jitter or hints say', () => {
  const finished = (input: Partial<Parameters<typeof scheduleNextCheck>[0]>, random = middle) =>
    minutes(
      start,
      scheduleNextCheck(
        {
          intervalMinutes: 30,
          consecutiveFailures: 0,
          finishedUntil: at('2026-12-03T10:00:00Z'),
          ...input,
        },
        start,
        random,
      ),
    );
  assert.equal(finished({}), 24 * 60);
  assert.equal(
    finished({}, () => 0),
    24 * 60,
    'jitter never brings it forward',
  );
  assert.equal(finished({ consecutiveFailures: 2 }), 24 * 60);
  // A longer interval or a later Retry-After still wins.
  assert.equal(finished({ intervalMinutes: 48 * 60 }), 48 * 60);
  assert.equal(finished({ retryAfter: at('2026-12-04T10:00:00Z') }), 48 * 60);
  // skipHours still moves it out of the hours the feed asks to be left alone.
  assert.equal(finished({ skipHours: [10] }), 25 * 60);
});
