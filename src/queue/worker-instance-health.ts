import type { InstanceHealth, InstanceHealthStore } from '../rsshub/index.ts';
import type { AsyncStore } from '../store/index.ts';

/** The instances' health for a worker's fetcher, kept in PostgreSQL. */
export interface WorkerInstanceHealth extends InstanceHealthStore {
  /** Reads the rows again (other workers' counts), for the fetcher's next `readAgain`. */
  refresh(): Promise<void>;
  /** Resolves once every change handed to `write` is in the database (or has failed). */
  settled(): Promise<void>;
}

/**
 * The health fetcher reads and writes synchronously; PostgreSQL answers later. The rows are
 * read when the worker starts (so a worker started during another's cool-down honours it) and
 * again on each `refresh` (so running workers learn each other's cool-downs), and each change
 * is applied to the stored row behind, in order (so the workers' failures add up): a lost
 * write costs only a recount of an instance's failures, never a feed, so a failure to write or
 * read again is reported and the work goes on.
 */
export async function openWorkerInstanceHealth(
  store: Pick<AsyncStore, 'instanceHealth' | 'changeInstanceHealth'>,
  onError: (error: unknown) => void,
): Promise<WorkerInstanceHealth> {
  const rows: InstanceHealth[] = await store.instanceHealth();
  let again: InstanceHealth[] = [];
  let writes: Promise<void> = Promise.resolve();
  return {
    read: () => rows,
    write(health, change) {
      // A change goes to the stored row, where other workers' failures add up with ours; the
      // row it gives back reaches the fetcher with the next `readAgain`.
      const write = async () => {
        again.push(await store.changeInstanceHealth(health.instance, change));
      };
      writes = writes.then(write).catch(onError);
    },
    readAgain() {
      const taken = again;
      again = [];
      return taken;
    },
    async refresh() {
      try {
        // After this worker's own writes, so its rows are not read back older than it holds.
        await writes;
        again.push(...(await store.instanceHealth()));
      } catch (error) {
        onError(error);
      }
    },
    close() {},
    settled: () => writes,
  };
}
