import type PgBoss from 'pg-boss';
import { openQueueDatabase } from './open-queue-database.ts';

/** The queue of "fetch and render this feed" jobs (pg-boss queue names allow no hyphen). */
export const FEED_QUEUE = 'feedmill_feed';

/** One job: fetch, parse and render the feed configured at `url` (its state key). */
export interface FeedJob {
  url: string;
}

/** How long a job may run before it counts as lost, and how failed ones are retried. */
export interface FeedQueueOptions {
  connectionString: string;
  /** A job active longer than this is failed by pg-boss's maintenance and retried (default 600). */
  expireInSeconds?: number;
  /** Retries after a failure or an expiry (default 5), the first after `retryDelaySeconds` (default 60), doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often this process runs pg-boss maintenance (expiring lost jobs; default 60). */
  maintenanceIntervalSeconds?: number;
  /** How often an idle worker polls for due jobs (default 2). */
  pollingIntervalSeconds?: number;
  /** Background failures (a lost connection, failed maintenance); pg-boss retries by itself. */
  onError?: (error: Error) => void;
}

/** A job as the queue reports it. */
export interface FeedJobState {
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
}

/** The feed queue on PostgreSQL: schedule feeds, work on them, inspect a job. */
export interface FeedQueue {
  /**
   * Queues a feed, due at `startAfter` (its next check) or now. A feed already waiting is not
   * queued twice: returns undefined then (one waiting and one active job per feed at most).
   */
  schedule(job: FeedJob, startAfter?: Date): Promise<string | undefined>;
  /** Works on due jobs one at a time; a handler that throws fails the attempt (retried). */
  work(handler: (job: FeedJob, attempt: { id: string; retryCount: number }) => Promise<void>): Promise<void>;
  job(id: string): Promise<FeedJobState | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss (creating its schema on first use) with the feed queue: policy `stately`, so
 * a feed (its url as the singleton key) has at most one job waiting and one running; jobs of
 * a killed worker expire and are retried with backoff.
 */
export async function startFeedQueue(options: FeedQueueOptions): Promise<FeedQueue> {
  // Loaded on first use: the single-process mode never pays for the queue.
  const { default: Boss } = await import('pg-boss');
  const onError = (error: Error) => options.onError?.(error);
  // Its own pool, whose statements outlast a restart of the server (see openQueueDatabase).
  const db = await openQueueDatabase(options.connectionString, onError);
  const boss: PgBoss = new Boss({
    db,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // The queue's own monitors and cron are not used.
    schedule: false,
  });
  // Without a listener an 'error' event would end the process.
  boss.on('error', onError);
  try {
    await boss.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const retries = {
    retryLimit: options.retryLimit ?? 5,
    retryDelay: options.retryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 600,
  };
  // Creating is a no-op when the queue exists (another process made it): the expiry and retries
  // are therefore given on each job too, where they win over the queue's.
  await ensureQueue(boss, options.connectionString, { name: FEED_QUEUE, policy: 'stately', ...retries });
  return {
    async schedule(job, startAfter) {
      const id = await boss.send(FEED_QUEUE, job, {
        ...retries,
        singletonKey: job.url,
        ...(startAfter ? { startAfter } : {}),
      });
      return id ?? undefined;
    },
    async work(handler) {
      let worker = '';
      worker = await boss.work<FeedJob>(
        FEED_QUEUE,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs)
            await handler(job.data, { id: job.id, retryCount: job.retryCount }).catch((error: unknown) => {
              // pg-boss records the failure (and retries the job while retries remain) silently.
              options.onError?.(
                new Error(`${job.data.url}: attempt ${job.retryCount + 1} failed: ${String(error)}`),
              );
              throw error;
            });
          // pg-boss waits out the polling interval after every job; a slot that found work
          // asks again at once instead, so only an idle slot waits.
          if (jobs.length > 0) boss.notifyWorker(worker);
        },
      );
    },
    async job(id) {
      const found = await boss.getJobById<FeedJob>(FEED_QUEUE, id, { includeArchive: true });
      return found ? { state: found.state, retryCount: found.retryCount } : undefined;
    },
    async stop() {
      // A server that is away must not hold up the end of the process for ever.
      db.stopping();
      try {
        // Jobs in hand end their attempt first (their render and next check stored), for up to
        // STOP_GRACE_MS; pg-boss then fails any still running, and they are retried. Stopping
        // without grace closed the connections under a job still writing its render.
        await boss.stop({ graceful: true, wait: true, timeout: STOP_GRACE_MS });
      } finally {
        await db.close();
      }
    },
  };
}

/** How long a stopping worker waits for its jobs in hand: within `docker stop`'s 10 s grace. */
const STOP_GRACE_MS = 8000;

/** Key of the session advisory lock that serialises creating the queue across processes. */
const CREATE_QUEUE_LOCK = 0x66656564; // "feed"

/**
 * Creates the feed queue unless it exists. pg-boss's create_queue is not safe against itself:
 * two processes creating the same queue at once (workers started together on a fresh database)
 * deadlock, one inserting the queue row while the other adds the partition's foreign key to
 * it. So creation is serialised with an advisory lock, and skipped once the queue is there.
 */
export async function ensureQueue(
  boss: PgBoss,
  connectionString: string,
  queue: PgBoss.Queue,
): Promise<void> {
  if (await boss.getQueue(queue.name)) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString });
  // A connection cut while waiting for the lock fails the query; the event alone must not end the process.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [CREATE_QUEUE_LOCK]);
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}
