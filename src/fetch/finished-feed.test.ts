import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FINISHED_CHECK_MS,
  finishedNextCheck,
  finishedNotModified,
  finishedUpdate,
  finishedWait,
} from './finished-feed.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const http = [{ kind: 'http' as const, url: 'https://a.test/feed' }];
const file = [{ kind: 'file' as const, path: '/feeds/a.json' }];

test('a finished feed is checked again a day later; one read only from files on every run', () => {
  assert.equal(FINISHED_CHECK_MS, 24 * 60 * 60 * 1000);
  assert.equal(finishedNextCheck(http, NOW)?.toISOString(), '2026-12-02T00:00:00.000Z');
  assert.equal(finishedNextCheck([...file, ...http], NOW)?.toISOString(), '2026-12-02T00:00:00.000Z');
  assert.equal(finishedNextCheck(file, NOW), undefined);
});

test("a finished feed's failure waits at least its daily check; one that does not wait stays so", () => {
  const soon = new Date(NOW.getTime() + 5 * 60_000);
  assert.equal(finishedWait(soon, NOW)?.toISOString(), '2026-12-02T00:00:00.000Z');
  const later = new Date(NOW.getTime() + 2 * FINISHED_CHECK_MS);
  assert.equal(finishedWait(later, NOW)?.toISOString(), later.toISOString());
  assert.equal(finishedWait(undefined, NOW), undefined);
});

test('an answer records the word and the next check; a 304 only the next check; others nothing', () => {
  const tomorrow = new Date('2026-12-02T00:00:00Z');
  assert.deepEqual(finishedUpdate(true, http, NOW), { finished: true, nextCheck: tomorrow });
  assert.deepEqual(finishedUpdate(true, file, NOW), { finished: true });
  assert.deepEqual(finishedUpdate(false, http, NOW), {});
  assert.deepEqual(finishedNotModified(true, http, NOW), { nextCheck: tomorrow });
  assert.deepEqual(finishedNotModified(true, file, NOW), {});
  assert.deepEqual(finishedNotModified(false, http, NOW), {});
});
