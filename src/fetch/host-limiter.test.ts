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
