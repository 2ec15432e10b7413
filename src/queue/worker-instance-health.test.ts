import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InstanceHealth } from '../rsshub/index.ts';
import { openWorkerInstanceHealth } from './worker-instance-health.ts';

test("the workers' instance health is read once and written behind, in order, past a failed write", async () => {
  const written: string[] = [];
  const errors: unknown[] = [];
  let release: () => void = () => {};
  const slow = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stored: InstanceHealth[] = [{ instance: 'https://a.example/', consecutiveFailures: 2 }];
  let reads = 0;
  const health = await openWorkerInstanceHealth(
    {
      instanceHealth: async () => {
        reads++;
        return stored;
      },
      recordInstanceHealth: async (row) => {
        // The first write is slow and the second fails: the third still comes, after both.
        if (row.consecutiveFailures === 3) await slow;
        if (row.consecutiveFailures === 4) throw new Error('connection lost');
        written.push(`${row.instance} ${row.consecutiveFailures}`);
      },
    },
    (error) => errors.push(error),
  );
  assert.deepEqual(health.read(), stored);
  for (const failures of [3, 4, 0])
    health.write({ instance: 'https://a.example/', consecutiveFailures: failures });
  assert.deepEqual(health.read(), stored);
  assert.equal(reads, 1);
  release();
  await health.settled();
  assert.deepEqual(written, ['https://a.example/ 3', 'https://a.example/ 0']);
  assert.equal((errors[0] as Error).message, 'connection lost');
});

test("refresh reads the rows again after this worker's own writes, handed over once", async () => {
  const events: string[] = [];
  let rows: InstanceHealth[] = [];
  const health = await openWorkerInstanceHealth(
    {
      instanceHealth: async () => {
        events.push('read');
        return rows;
      },
      recordInstanceHealth: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('write');
      },
    },
    () => {},
  );
  health.write({ instance: 'https://a.example/', consecutiveFailures: 1 });
  rows = [
    { instance: 'https://b.example/', consecutiveFailures: 3, coolingUntil: '2026-01-01T00:30:00.000Z' },
  ];
  await health.refresh();
  assert.deepEqual(events, ['read', 'write', 'read']);
  assert.deepEqual(health.readAgain?.(), rows);
  assert.deepEqual(health.readAgain?.(), []);
});
