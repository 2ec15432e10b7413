import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStaleConnectionFailure } from './stale-connection.ts';

test('a reset or broken pipe on a reused connection before any answer byte is stale', () => {
  for (const code of ['ECONNRESET', 'EPIPE']) {
    assert.equal(isStaleConnectionFailure({ reusedSocket: true, responseStarted: false, code }), true);
  }
});

test('a fresh connection, a started answer or another error is not retried', () => {
  const stale = { reusedSocket: true, responseStarted: false, code: 'ECONNRESET' };
  assert.equal(isStaleConnectionFailure({ ...stale, reusedSocket: false }), false);
  assert.equal(isStaleConnectionFailure({ ...stale, responseStarted: true }), false);
  assert.equal(isStaleConnectionFailure({ ...stale, code: 'ETIMEDOUT' }), false);
  assert.equal(isStaleConnectionFailure({ ...stale, code: undefined }), false);
});
