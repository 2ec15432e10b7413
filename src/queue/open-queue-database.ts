import type pg from 'pg';
import { retryWhenLost } from '../store/index.ts';

/** The connection pg-boss runs its statements on (its `db` option), and how to end it. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
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
 * is then retried, like the job of a worker that died.
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
  return {
    executeSql: (text, values) =>
      retryWhenLost(
        () => pool.query(text, values),
        (tries) => (closed ? undefined : Math.min(100 * 2 ** tries, MAX_WAIT_MS)),
      ),
    async close() {
      closed = true;
      await pool.end();
    },
  };
}
