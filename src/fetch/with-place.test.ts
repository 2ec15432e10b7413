import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHostLimiter } from './host-limiter.ts';
import { withPlace } from './with-place.ts';

test("a redirect to another host gives the place up before the caller's outer place moves", async () => {
  // One place in all: while the outer place moves, nothing of this limiter may be held.
  const limiter = createHostLimiter(1, 1);
  const moves: string[] = [];
  const result = await withPlace(
    limiter,
    'http://a.example/feed',
    async (onRedirect) => {
      await onRedirect(new URL('http://A.example/other'));
      await onRedirect(new URL('http://b.example/feed'));
      return 'done';
    },
    async (target) => {
      const free = await Promise.race([
        limiter.run('c.example', async () => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 200)),
      ]);
      moves.push(`${target.host}: ${free ? 'place given up' : 'place still held'}`);
    },
  );
  assert.equal(result, 'done');
  // The same host (in another case) moves nothing.
  assert.deepEqual(moves, ['b.example: place given up']);
  assert.equal(await limiter.run('d.example', async () => 'released'), 'released');
});

test('an outer move that fails ends the fetch holding no place', async () => {
  const limiter = createHostLimiter(1, 1);
  await assert.rejects(
    withPlace(
      limiter,
      'http://a.example/feed',
      (onRedirect) => onRedirect(new URL('http://b.example/feed')),
      async () => {
        throw new Error('busy');
      },
    ),
    /busy/,
  );
  assert.equal(await limiter.run('a.example', async () => 'free'), 'free');
});
