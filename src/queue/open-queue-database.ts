import type pg from 'pg';
import { retryWhenLost } from '../store/index.ts';

/** The connection pg-boss runs its statements on (its `db` option), and how to end it. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** From now on a lost server is waited for about as long as a restart takes, no longer. */
  stopping(): void;
  /** Stops waiting for a lost server and closes the pool. */
  close(): Promise<void>;
}

// Waits between attempts while the server is away, doubling up to this.
const MAX_WAIT_MS = 2000;

/**
 * A pool for pg-boss whose statements wait out a lost connection (a restart, a failover) and
 * run again on a new one, until `close`. pg-boss completes and fails jobs without awaiting the
 * promise, so a statement that failed on a lost connection would end the worker process; run
 * again, a job's completion lands once the server is back. Statements of pg-boss are safe to run
 * twice: a job fetched by a statement whose answer was lost stays active until it expires and
 * is then retried, like the job of a worker that died. A stopping worker waits only so long.
 */
export async function openQueueDatabase(
  connectionString: string,
  onError: (error: Error) => void,
): Promise<QueueDatabase> {
  const { default: postgres } = await import('pg');
  const pool: pg.Pool = new postgres.Pool({ connectionString, max: 10, application_name: 'pgboss' });
  // A dropped idle connection is only reported; the next statement opens a new one.
  pool.on('error', onError);
  let closed = false;
  let stopping = false;
  // Doubling from 100 ms: 6.3 s in all when stopping (a restart), without end otherwise.
  const wait = (tries: number) =>
    closed || (stopping && tries > 5) ? undefined : Math.min(100 * 2 ** tries, MAX_WAIT_MS);
  return {
    executeSql: (text, values) => retryWhenLost(() => pool.query(text, values), wait),
    stopping() {
      stopping = true;
    },
    async close() {
      closed = true;
      await pool.end();
    },
  };
}
