import type pg from 'pg';
import { maskConnectionString, stateError } from '../store/index.ts';
import { HOST_SLOT_CLASS, hostBucket } from './host-slots.ts';
import type { WorkerHeartbeat } from './rendered-store.ts';
import { FEED_QUEUE } from './start-feed-queue.ts';

/** The feed queue as `status` shows it: jobs by state, running jobs per host, the writer's backlog. */
export interface QueueStatus {
  /** Waiting jobs whose start time has come. */
  due: number;
  /** Waiting jobs due later (the feeds' next checks). */
  scheduled: number;
  active: number;
  /** Jobs that used up their retries (their feeds are queued again by the scheduler). */
  failed: number;
  /**
   * Running jobs per feed host, most first, and how many of them are fetching now (holding
   * one of the host's `http.per_host` slots, across all workers).
   */
  activeByHost: { host: string; active: number; fetching: number }[];
  /** Feeds rendered and waiting for `feedmill publish`, and their posts. */
  unpublished: { feeds: number; posts: number };
  workers: WorkerHeartbeat[];
}

/** Reads the queue's and the workers' state; the queue's tables may not exist yet (no worker ran). */
export async function readQueueStatus(connectionString: string): Promise<QueueStatus> {
  const { default: postgres } = await import('pg');
  const client = new postgres.Client({ connectionString });
  client.on('error', () => {});
  const status: QueueStatus = {
    due: 0,
    scheduled: 0,
    active: 0,
    failed: 0,
    activeByHost: [],
    unpublished: { feeds: 0, posts: 0 },
    workers: [],
  };
  try {
    await client.connect();
    const exists = async (table: string) =>
      (await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table])).rows[0]
        ?.found;
    if (await exists('pgboss.job')) await readJobs(client, status);
    if (await exists('rendered_feeds')) {
      const { rows } = await client.query<{ feeds: number; posts: number }>(
        `SELECT (SELECT count(*)::int FROM rendered_feeds) AS feeds, (SELECT count(*)::int FROM rendered_posts) AS posts`,
      );
      status.unpublished = rows[0] ?? status.unpublished;
      const workers = await client.query<{
        id: string;
        host: string;
        pid: number;
        started_at: Date;
        last_heartbeat: Date;
        jobs_done: number;
      }>('SELECT id, host, pid, started_at, last_heartbeat, jobs_done FROM workers ORDER BY host, pid, id');
      status.workers = workers.rows.map((row) => ({
        id: row.id,
        host: row.host,
        pid: row.pid,
        startedAt: row.started_at,
        lastHeartbeat: row.last_heartbeat,
        jobsDone: row.jobs_done,
      }));
    }
  } catch (error) {
    throw stateError(error, maskConnectionString(connectionString), 'read');
  } finally {
    await client.end().catch(() => {});
  }
  return status;
}

async function readJobs(client: pg.Client, status: QueueStatus): Promise<void> {
  const { rows } = await client.query<{ state: string; due: boolean; count: number }>(
    `SELECT state, start_after <= now() AS due, count(*)::int AS count FROM pgboss.job
     WHERE name = $1 GROUP BY 1, 2`,
    [FEED_QUEUE],
  );
  for (const row of rows) {
    if (row.state === 'created' || row.state === 'retry') {
      if (row.due) status.due += row.count;
      else status.scheduled += row.count;
    } else if (row.state === 'active') status.active += row.count;
    else if (row.state === 'failed') status.failed += row.count;
  }
  const active = await client.query<{ url: string }>(
    `SELECT data->>'url' AS url FROM pgboss.job WHERE name = $1 AND state = 'active'`,
    [FEED_QUEUE],
  );
  const hosts = new Map<string, number>();
  for (const { url } of active.rows) {
    let host = url;
    try {
      host = new URL(url).host || url;
    } catch {
      // A file feed: its path stands for the host.
    }
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
  }
  // Host slots are advisory locks keyed by the host's bucket: count the held ones per bucket.
  const slots = await client.query<{ bucket: string; held: number }>(
    `SELECT (objid::bigint >> 6)::text AS bucket, count(*)::int AS held FROM pg_locks
     WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::bigint::oid GROUP BY 1`,
    [HOST_SLOT_CLASS],
  );
  const heldByBucket = new Map(slots.rows.map((row) => [Number(row.bucket), row.held]));
  status.activeByHost = [...hosts]
    .map(([host, count]) => ({ host, active: count, fetching: heldByBucket.get(hostBucket(host)) ?? 0 }))
    .sort((a, b) => b.active - a.active || a.host.localeCompare(b.host));
}
