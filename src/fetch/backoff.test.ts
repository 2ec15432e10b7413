import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backsOff, nextCheckAfterFailure } from './backoff.ts';

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

test('only failures of a remote source back off', () => {
  const http = [{ kind: 'http' as const, url: 'https://a.test/feed' }];
  const file = [{ kind: 'file' as const, path: '/feeds/a.xml' }];
  assert.equal(backsOff('FETCH_TIMEOUT', http), true);
  assert.equal(backsOff('PARSE_FAILED', http), true);
  for (const local of ['WRITE_FAILED', 'STATE_FAILED', 'INTERNAL'])
    assert.equal(backsOff(local, http), false);
  assert.equal(backsOff('PARSE_FAILED', file), false);
  assert.equal(backsOff('FETCH_TIMEOUT', [...file, ...http]), true);
});
