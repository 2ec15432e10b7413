import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isConnectionLost, retryWhenLost } from './retry-when-lost.ts';

const lost = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

test('a lost connection is told from a failed statement', () => {
  assert.equal(isConnectionLost(lost()), true);
  assert.equal(isConnectionLost(Object.assign(new Error('x'), { code: '57P01' })), true);
  assert.equal(isConnectionLost(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isConnectionLost(Object.assign(new Error('duplicate key'), { code: '23505' })), false);
  // Lost during COMMIT: it may have committed, so it is not run again.
  assert.equal(isConnectionLost(Object.assign(lost(), { final: true })), false);
  assert.equal(isConnectionLost(undefined), false);
});

test('retries while the connection is lost and a wait is given, then succeeds or gives up', async () => {
  let calls = 0;
  const value = await retryWhenLost(
    async () => {
      if (++calls < 3) throw lost();
      return 'done';
    },
    () => 1,
  );
  assert.deepEqual([value, calls], ['done', 3]);

  calls = 0;
  await assert.rejects(
    retryWhenLost(
      async () => {
        calls++;
        throw lost();
      },
      (tries) => (tries < 2 ? 1 : undefined),
    ),
    /ECONNREFUSED/,
  );
  assert.equal(calls, 3);

  calls = 0;
  await assert.rejects(
    retryWhenLost(async () => {
      calls++;
      throw Object.assign(new Error('syntax error'), { code: '42601' });
    }),
    /syntax error/,
  );
  assert.equal(calls, 1, 'a failed statement is not run again');
});
