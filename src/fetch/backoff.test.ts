import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, nextCheckAfterFailure } from './backoff.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const wait = (failures: number, retryAfterMs?: number) =>
  nextCheckAfterFailure(failures, NOW, retryAfterMs).getTime() - NOW.getTime();

test('backoff doubles with each consecutive failure and stops at a day', () => {
  assert.equal(wait(1), BACKOFF_BASE_MS);
  assert.equal(wait(2), 2 * BACKOFF_BASE_MS);
  assert.equal(wait(4), 8 * BACKOFF_BASE_MS);
  assert.equal(wait(50), BACKOFF_MAX_MS);
});

test('a later Retry-After wins over the backoff, an earlier one does not shorten it', () => {
  assert.equal(wait(1, 3_600_000), 3_600_000);
  assert.equal(wait(3, 1000), 4 * BACKOFF_BASE_MS);
  assert.equal(wait(1, 10 * BACKOFF_MAX_MS), BACKOFF_MAX_MS);
});
