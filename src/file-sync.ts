import { closeSync, fsync, fsyncSync, open, openSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * An fsync that takes longer than this went to a device. tmpfs (and a disk that does not wait)
 * answers in 1–3 µs; ext4 on an SSD commits its journal in 0.2–2 ms.
 */
export const SLOW_FSYNC_NS = 100_000n;

/**
 * Slow fsyncs in a row that send the writer's fsyncs to the thread pool. Not one: on a busy
 * machine a call that returns at once is now and then descheduled past SLOW_FSYNC_NS (1 in
 * 2,000 on tmpfs at a load of 3), while on a device every call is slow.
 */
export const SLOW_FSYNCS_IN_A_ROW = 3;

/** The two ways to fsync a descriptor, and a clock: swapped for fakes in tests. */
export interface FsyncCalls {
  inline(fd: number): void;
  pooled(fd: number): Promise<void>;
  now(): bigint;
}

const NODE_CALLS: FsyncCalls = {
  inline: fsyncSync,
  pooled: promisify(fsync),
  now: () => process.hrtime.bigint(),
};

/** fsyncs a writer's files and folders, on the main thread while that costs less (see createFileSync). */
export interface FileSync {
  /** fsyncs one open file. */
  file(fd: number): Promise<void> | undefined;
  /** fsyncs one folder (its entries: a rename in it). */
  folder(path: string): Promise<void> | undefined;
}

/**
 * fsyncs made on the main thread while they return at once, then on the thread pool. A pooled
 * fsync costs the main thread a promise and a hand-over and the kernel two thread wake-ups: on
 * tmpfs 30,000 posts took 2.6 s of CPU with their fsyncs pooled and 1.05 s with them inline
 * (2026-12-07). Where an fsync waits for a device, inline calls would stall every other feed
 * behind each post, so a few slow ones in a row (SLOW_FSYNCS_IN_A_ROW over SLOW_FSYNC_NS) send
 * all later ones to the pool, where several wait at once and the file system commits them
 * together. Either way each file is durable before its rename and each folder before the state
 * records its posts.
 */
export function createFileSync(calls: FsyncCalls = NODE_CALLS): FileSync {
  let inline = true;
  let slowInARow = 0;
  const timed = (fd: number) => {
    const start = calls.now();
    calls.inline(fd);
    slowInARow = calls.now() - start > SLOW_FSYNC_NS ? slowInARow + 1 : 0;
    if (slowInARow >= SLOW_FSYNCS_IN_A_ROW) inline = false;
  };
  return {
    file(fd) {
      if (!inline) return calls.pooled(fd);
      timed(fd);
      return undefined;
    },
    folder(path) {
      if (!inline) return syncFolderPooled(path, calls);
      let fd: number | undefined;
      try {
        fd = openSync(path, 'r');
        timed(fd);
      } catch (error) {
        if (!folderCannotSync(error)) throw error;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      return undefined;
    },
  };
}

const openAsync = promisify(open);

async function syncFolderPooled(path: string, calls: FsyncCalls): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await openAsync(path, 'r');
    await calls.pooled(fd);
  } catch (error) {
    if (!folderCannotSync(error)) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Some file systems cannot fsync a directory (EINVAL, EISDIR on Windows): the rename stands. */
function folderCannotSync(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EINVAL' || code === 'EISDIR' || code === 'EPERM' || code === 'ENOENT';
}
