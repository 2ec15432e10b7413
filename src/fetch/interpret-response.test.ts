import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretResponse, MAX_RETRY_AFTER_MS, parseRetryAfter } from './interpret-response.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const URL_ = 'https://example.org/feed/rss';

test('200 reads the body and 304 is not-modified', () => {
  assert.deepEqual(interpretResponse({ status: 200 }, URL_, NOW), { kind: 'read-body' });
  assert.deepEqual(interpretResponse({ status: 304 }, URL_, NOW), { kind: 'not-modified' });
});

test('redirects resolve Location against the current URL and tell permanent from temporary', () => {
  assert.deepEqual(interpretResponse({ status: 301, location: '/new#frag' }, URL_, NOW), {
    kind: 'redirect',
    location: 'https://example.org/new',
    permanent: true,
  });
  assert.deepEqual(interpretResponse({ status: 308, location: 'http://other.test/a' }, URL_, NOW), {
    kind: 'redirect',
    location: 'http://other.test/a',
    permanent: true,
  });
  for (const status of [302, 303, 307]) {
    const decision = interpretResponse({ status, location: 'b' }, URL_, NOW);
    assert.deepEqual(decision, {
      kind: 'redirect',
      location: 'https://example.org/feed/b',
      permanent: false,
    });
  }
});

test('redirects without Location or to a non-http scheme fail', () => {
  assert.equal(interpretResponse({ status: 301 }, URL_, NOW).kind, 'failed');
  const decision = interpretResponse({ status: 302, location: 'file:///etc/passwd' }, URL_, NOW);
  assert.equal(decision.kind === 'failed' && decision.code, 'FETCH_REFUSED');
});

test('410 is gone; 429 and 503 retry later; other statuses fail', () => {
  assert.deepEqual(interpretResponse({ status: 410 }, URL_, NOW), { kind: 'gone' });
  assert.deepEqual(interpretResponse({ status: 429, retryAfter: '30' }, URL_, NOW), {
    kind: 'retry-later',
    retryAfterMs: 30_000,
  });
  assert.deepEqual(interpretResponse({ status: 503 }, URL_, NOW), { kind: 'retry-later' });
  for (const status of [204, 400, 403, 404, 500, 502]) {
    const decision = interpretResponse({ status }, URL_, NOW);
    assert.equal(decision.kind === 'failed' && decision.code, 'FETCH_HTTP_STATUS', String(status));
  }
});

test('Retry-After accepts delay-seconds and the three HTTP-date forms, clamped to [0, 24 h]', () => {
  assert.equal(parseRetryAfter('0', NOW), 0);
  assert.equal(parseRetryAfter(' 120 ', NOW), 120_000);
  assert.equal(parseRetryAfter('999999999', NOW), MAX_RETRY_AFTER_MS);
  assert.equal(parseRetryAfter('Tue, 01 Dec 2026 12:10:00 GMT', NOW), 600_000);
  assert.equal(parseRetryAfter('Tuesday, 01-Dec-26 12:01:00 GMT', NOW), 60_000);
  assert.equal(parseRetryAfter('Tue Dec  1 12:00:30 2026', NOW), 30_000, 'asctime is GMT');
  assert.equal(parseRetryAfter('Tue, 01 Dec 2026 12:10:00', NOW), undefined, 'no zone, no date');
  assert.equal(parseRetryAfter('Mon, 01 Dec 2025 12:00:00 GMT', NOW), 0, 'a past date means now');
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter('-5', NOW), undefined);
  assert.equal(parseRetryAfter('1.5', NOW), undefined);
});
