import type { InstanceHealth, InstanceHealthStore } from '../rsshub/index.ts';
import type { AsyncStore } from '../store/index.ts';

/** The instances' health for a worker's fetcher, kept in PostgreSQL. */
export interface WorkerInstanceHealth extends InstanceHealthStore {
  /** Resolves once every change handed to `write` is in the database (or has failed). */
  settled(): Promise<void>;
}

/**
 * The health fetcher reads and writes synchronously; PostgreSQL answers later. The rows are
 * read once, when the worker starts (so a worker started during another's cool-down honours
 * it), and each change is written behind, in order: a lost write costs only a recount of an
 * instance's failures, never a feed, so a failure to write is reported and the work goes on.
 */
export async function openWorkerInstanceHealth(
  store: Pick<AsyncStore, 'instanceHealth' | 'recordInstanceHealth'>,
  onWriteError: (error: unknown) => void,
): Promise<WorkerInstanceHealth> {
  const rows: InstanceHealth[] = await store.instanceHealth();
  let writes: Promise<void> = Promise.resolve();
  return {
    read: () => rows,
    write(health) {
      writes = writes.then(() => store.recordInstanceHealth(health)).catch(onWriteError);
    },
    close() {},
    settled: () => writes,
  };
}
