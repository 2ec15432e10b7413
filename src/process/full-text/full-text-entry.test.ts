import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FullTextEntry, MAX_FETCH_ATTEMPTS, needsFetch, readEntry } from './full-text-entry.ts';

const url = 'https://a.example/1';
const entry = (outcome: FullTextEntry['outcome'], attempts = 0): FullTextEntry => ({
  url,
  rule: 'r',
  outcome,
  attempts,
});

test('an extraction or a page without an article is never fetched again', () => {
  assert.equal(needsFetch(entry('extracted'), url, 'r'), false);
  assert.equal(needsFetch(entry('not-found'), url, 'r'), false);
});

test('a failure is retried until the attempts run out', () => {
  assert.equal(needsFetch(entry('failed', 1), url, 'r'), true);
  assert.equal(needsFetch(entry('failed', MAX_FETCH_ATTEMPTS - 1), url, 'r'), true);
  assert.equal(needsFetch(entry('failed', MAX_FETCH_ATTEMPTS), url, 'r'), false);
});

test('nothing cached, a new link or a new rule fetches', () => {
  assert.equal(needsFetch(undefined, url, 'r'), true);
  assert.equal(needsFetch(entry('extracted'), 'https://a.example/2', 'r'), true);
  assert.equal(needsFetch(entry('extracted'), url, 'other'), true);
});

test('unreadable cached values count as nothing cached', () => {
  assert.equal(readEntry(undefined), undefined);
  assert.equal(readEntry('{'), undefined);
  assert.equal(readEntry('{"url":"x","rule":"r","outcome":"maybe"}'), undefined);
  assert.equal(readEntry('{"url":"x","rule":"r","outcome":"extracted","html":"<p>a</p>"}'), undefined);
  const good = { url, rule: 'r', outcome: 'extracted', html: '<p>a</p>', chars: 1, attempts: 0 };
  assert.deepEqual(readEntry(JSON.stringify(good)), good);
});
