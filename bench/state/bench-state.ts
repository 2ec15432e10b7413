// Benchmark of the state backends on a run's write path: for each of N feeds, `feed`, `items`,
// `isPathTaken` per new item, `beginWrites` and `recordSuccess` of 15 items (a first run), then
// a second pass where every feed is unchanged (`recordNotModified`). SQLite through the
// asynchronous adapter against the synchronous store, and PostgreSQL (a throwaway cluster, Unix
// socket, fsync off as the test cluster runs: round trips and CPU, not the disk) with 1 and 4
// writers in parallel (different feeds).
// Usage: node --import tsx bench/state/bench-state.ts [--feeds 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type AsyncStore, asyncFromSqlite, openPostgresStore, openStore } from '../../src/store/index.ts';
import { startPostgres } from '../../test/support/postgres.ts';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '1000' } } });
const FEEDS = Number(values.feeds);
const ITEMS = 15;

const records = (feed: number) =>
  Array.from({ length: ITEMS }, (_, item) => ({
    key: `item-${item}`,
    contentHash: `hash-${feed}-${item}`,
    postPath: `Cat/Site/Feed ${feed}/Post ${item}.md`,
    firstSeen: '2026-12-01T00:00:00.000Z',
    published: '2026-11-30T00:00:00.000Z',
  }));

async function runFeeds(store: AsyncStore, feeds: number[]): Promise<void> {
  for (const feed of feeds) {
    const { id } = await store.feed(`https://example.org/feed/${feed}`);
    await store.items(id);
    const planned = records(feed);
    for (const record of planned) await store.isPathTaken(record.postPath);
    await store.beginWrites(id, planned);
    await store.recordSuccess(id, planned, { validators: { etag: `"${feed}"` } });
  }
}

async function unchanged(store: AsyncStore, feeds: number[]): Promise<void> {
  for (const feed of feeds) {
    const { id } = await store.feed(`https://example.org/feed/${feed}`);
    await store.recordNotModified(id);
  }
}

async function measure(label: string, stores: AsyncStore[]): Promise<void> {
  const all = Array.from({ length: FEEDS }, (_, index) => index);
  const shares = stores.map((_, worker) => all.filter((feed) => feed % stores.length === worker));
  let started = performance.now();
  await Promise.all(stores.map((store, worker) => runFeeds(store, shares[worker]!)));
  const first = performance.now() - started;
  started = performance.now();
  await Promise.all(stores.map((store, worker) => unchanged(store, shares[worker]!)));
  const second = performance.now() - started;
  console.log(
    `${label.padEnd(28)} first run ${(FEEDS / (first / 1000)).toFixed(0).padStart(6)} feeds/s ` +
      `(${((FEEDS * ITEMS) / (first / 1000)).toFixed(0)} items/s)   unchanged ${(FEEDS / (second / 1000)).toFixed(0).padStart(6)} feeds/s`,
  );
}

const folder = mkdtempSync(join(tmpdir(), 'feedmill-bench-state-'));
try {
  const path = join(folder, 'state.db');
  await measure('SQLite (async adapter)', [asyncFromSqlite(openStore(path, { fsync: true }), path)]);
  rmSync(path, { force: true });
  // The synchronous store, for the adapter's overhead.
  const sync = openStore(join(folder, 'sync.db'), { fsync: true });
  const started = performance.now();
  for (let feed = 0; feed < FEEDS; feed++) {
    const { id } = sync.feed(`https://example.org/feed/${feed}`);
    sync.items(id);
    const planned = records(feed);
    for (const record of planned) sync.isPathTaken(record.postPath);
    sync.beginWrites(id, planned);
    sync.recordSuccess(id, planned, { validators: {} });
  }
  const elapsed = performance.now() - started;
  console.log(
    `${'SQLite (sync store)'.padEnd(28)} first run ${(FEEDS / (elapsed / 1000)).toFixed(0).padStart(6)} feeds/s`,
  );
  sync.close();

  const server = await startPostgres();
  try {
    for (const writers of [1, 4]) {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: server.connectionString });
      await admin.connect();
      await admin.query(`CREATE DATABASE bench_${writers}`);
      await admin.end();
      const url = new URL(server.connectionString);
      url.pathname = `/bench_${writers}`;
      const stores = await Promise.all(
        Array.from({ length: writers }, () => openPostgresStore({ connectionString: url.toString() })),
      );
      await measure(`PostgreSQL, ${writers} writer${writers > 1 ? 's' : ''}`, stores);
      await Promise.all(stores.map((store) => store.close()));
    }
  } finally {
    await server.stop();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
