import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHostLimiter } from './host-limiter.ts';

test('the limiter holds the global and per-host bounds and runs every task', async () => {
  const limiter = createHostLimiter(3, 2);
  let active = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  let peakPerHost = 0;
  const hosts = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'd'];
  const results = await Promise.all(
    hosts.map((host, index) =>
      limiter.run(host, async () => {
        active++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        peak = Math.max(peak, active);
        peakPerHost = Math.max(peakPerHost, perHost.get(host)!);
        await sleep(5);
        active--;
        perHost.set(host, perHost.get(host)! - 1);
        return index;
      }),
    ),
  );
  assert.deepEqual(
    results,
    hosts.map((_host, index) => index),
  );
  assert.equal(peak, 3);
  assert.equal(peakPerHost, 2);
});

test('a failing task releases its slot', async () => {
  const limiter = createHostLimiter(1, 1);
  await assert.rejects(limiter.run('a', async () => Promise.reject(new Error('boom'))));
  assert.equal(await limiter.run('a', async () => 'next'), 'next');
});

test('a moved place frees its first host at once and waits its turn on the next', async () => {
  const limiter = createHostLimiter(4, 1);
  const events: string[] = [];
  const moving = await limiter.acquire('a');
  const onB = await limiter.acquire('b');
  // The first host is free as soon as the move begins, even while the move waits for b.
  const move = moving.moveTo('b').then(() => events.push('moved to b'));
  await limiter.run('a', async () => {
    events.push('a ran');
  });
  assert.deepEqual(events, ['a ran']);
  onB.release();
  await move;
  assert.deepEqual(events, ['a ran', 'moved to b']);
  // Its place is now b's: another b waits until it is released; a second release does nothing.
  let otherB = false;
  const waiting = limiter.run('b', async () => {
    otherB = true;
  });
  await sleep(5);
  assert.equal(otherB, false);
  moving.release();
  moving.release();
  await waiting;
  assert.equal(otherB, true);
  // Moving to the host it holds keeps the place.
  const same = await limiter.acquire('c');
  await same.moveTo('c');
  same.release();
  assert.equal(await limiter.run('c', async () => 'free'), 'free');
});
