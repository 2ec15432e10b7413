import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { Fetcher } from '../fetch/index.ts';
import { type InstanceHealth, instanceHealthFetcher } from '../rsshub/index.ts';
import { asyncFromSqlite, openStore } from '../store/index.ts';
import { openWorkerInstanceHealth } from './worker-instance-health.ts';

const AT = ['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:03.000Z'];

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
      changeInstanceHealth: async (instance, change) => {
        // The first write is slow and the second fails: the third still comes, after both.
        if (change.at === AT[0]) await slow;
        if (change.at === AT[1]) throw new Error('connection lost');
        written.push(`${instance} ${change.kind} ${change.at}`);
        return { instance, consecutiveFailures: 0 };
      },
    },
    (error) => errors.push(error),
  );
  assert.deepEqual(health.read(), stored);
  for (const at of AT) {
    const change = { kind: 'answered' as const, at };
    health.write({ instance: 'https://a.example/', consecutiveFailures: 0, lastSuccess: at }, change);
  }
  assert.deepEqual(health.read(), stored);
  assert.equal(reads, 1);
  release();
  await health.settled();
  assert.deepEqual(written, [`https://a.example/ answered ${AT[0]}`, `https://a.example/ answered ${AT[2]}`]);
  assert.equal((errors[0] as Error).message, 'connection lost');
  // What the store gave back for the writes that landed reaches the fetcher once.
  assert.equal(health.readAgain?.().length, 2);
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
      changeInstanceHealth: async (instance) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('write');
        return { instance, consecutiveFailures: 0 };
      },
    },
    () => {},
  );
  health.write({ instance: 'https://a.example/', consecutiveFailures: 0 }, { kind: 'answered', at: AT[0]! });
  rows = [
    { instance: 'https://b.example/', consecutiveFailures: 3, coolingUntil: '2026-01-01T00:30:00.000Z' },
  ];
  await health.refresh();
  assert.deepEqual(events, ['read', 'write', 'read']);
  // The row the write gave back, then the rows read again after it.
  assert.deepEqual(health.readAgain?.(), [
    { instance: 'https://a.example/', consecutiveFailures: 0 },
    ...rows,
  ]);
  assert.deepEqual(health.readAgain?.(), []);
});

test("two workers' failures add up in the shared state and cool the instance down for both", async () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-worker-health-'));
  const path = join(folder, 'state.db');
  const stores = [0, 1].map(() => asyncFromSqlite(openStore(path, { fsync: false }), path));
  try {
    const A = 'http://a.example/';
    const B = 'http://b.example/';
    let asked = 0;
    const inner: Fetcher = {
      fetch: async (location) => {
        asked++;
        if (location.kind === 'http' && location.instance === A)
          throw new FeedmillError('FETCH_FAILED', 'connection refused', {});
        return { kind: 'fetched', body: new Uint8Array(), url: B, validators: {} };
      },
    };
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const now = () => {
      clock += 1000;
      return new Date(clock);
    };
    const cooled: string[] = [];
    const workers = await Promise.all(
      stores.map(async (store, index) => {
        const health = await openWorkerInstanceHealth(store, (error) => assert.fail(String(error)));
        const fetcher = instanceHealthFetcher(inner, {
          instances: [{ label: A }, { label: B }],
          store: health,
          policy: { after: 2, durationMs: 60_000 },
          now,
          onCooldown: (row) => cooled.push(`worker ${index}: ${row.consecutiveFailures}`),
        });
        return { health, fetcher };
      }),
    );
    const fromA = { kind: 'http', url: `${A}route`, instance: A } as const;
    // One failure each: neither worker alone reaches the two failures that start a cool-down.
    for (const { health, fetcher } of workers) {
      await assert.rejects(fetcher.fetch(fromA, {}));
      await health.settled();
    }
    // The second worker's own change gave back the row with both failures: it skips A now, and
    // says so once, as the worker whose failure started the cool-down.
    assert.deepEqual(cooled, []);
    const before = asked;
    await assert.rejects(workers[1]!.fetcher.fetch(fromA, {}), /cooling down/);
    assert.deepEqual(cooled, ['worker 1: 2']);
    // The first learns it on its next refresh (each heartbeat), before asking A again.
    await workers[0]!.health.refresh();
    await assert.rejects(workers[0]!.fetcher.fetch(fromA, {}), /cooling down/);
    assert.equal(asked, before);
    assert.deepEqual(cooled, ['worker 1: 2']);
    assert.equal(
      (await stores[0]!.instanceHealth()).find((row) => row.instance === A)?.consecutiveFailures,
      2,
    );
  } finally {
    for (const store of stores) await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
