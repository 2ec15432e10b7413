import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { FeedmillError } from '../errors.ts';
import { createFileSync, type FsyncCalls } from '../file-sync.ts';
import type { Store, SuccessUpdate } from '../store/index.ts';
import { type PlannedWrite, recordsToWrite } from './plan-writes.ts';

/** Suffix of temporary files; anything carrying it in the posts folder is a leftover. */
export const TEMPORARY_SUFFIX = '.feedmill-tmp';

/** The effect of putting post files on disk: swapped for a fake in tests. */
export interface PostWriter {
  /**
   * Writes one file atomically (temporary file in the same folder, fsync, rename): a post's
   * UTF-8 bytes (as planned, the bytes its content hash is of) or a local image copy.
   */
  write(relativePath: string, content: Uint8Array): Promise<void>;
  /** Deletes one post if it exists. */
  remove(relativePath: string): Promise<void>;
  /** fsyncs every folder touched since the last call, so the renames themselves are durable. */
  flush(): Promise<void>;
}

/**
 * Writes posts under `postsRoot`. Errors name the path and keep the errno (ENOSPC, EROFS,
 * EACCES…). Creating, writing, closing and renaming are synchronous system calls; only the
 * fsync, the one call that waits for the disk, goes to libuv's thread pool once one has been
 * seen to wait (createFileSync), so that other posts and feeds go on while it runs. Measured on
 * 30,000 posts of 10 KB on tmpfs: each call through the thread pool costs the main thread a
 * promise and a hand-over and the kernel two thread wake-ups, 2.5–4.0 s of CPU in all against
 * 1.3 s for the same calls made synchronously (and 1.9–2.1 s with the fsyncs alone on the
 * pool); calls that fill the page cache do not block.
 */
export function createPostWriter(
  postsRoot: string,
  options: {
    fsync: boolean;
    /** Creates one folder (its parent exists); tests replace it to fail as a read-only disk would. */
    makeFolder?: (path: string) => void;
    /** The fsync calls and clock (tests: a disk that waits). */
    fsyncCalls?: FsyncCalls;
  } = { fsync: true },
): PostWriter {
  const makeFolder = options.makeFolder ?? ((path: string) => mkdirSync(path));
  const sync = createFileSync(options.fsyncCalls);
  const touched = new Set<string>();
  const made = new Set<string>();
  // Temporary names: a random prefix per writer and a counter (creating with 'wx' never
  // overwrites, so a clash would fail, not clobber); a random name per file cost a call into
  // the random generator per post.
  const prefix = randomBytes(6).toString('hex');
  let written = 0;
  const checkedFolders = new Map<string, string>();
  const resolveTarget = (relativePath: string) => {
    // Posts of one folder share its check: a plain file name appended to a folder known to be
    // inside stays inside (join and relative per post were 1 % of a first run's CPU).
    const slash = relativePath.lastIndexOf('/');
    const name = relativePath.slice(slash + 1);
    const folderKey = slash < 0 || !isPlainName(name) ? undefined : relativePath.slice(0, slash);
    const folder = folderKey === undefined ? undefined : checkedFolders.get(folderKey);
    if (folder !== undefined) return `${folder}${sep}${name}`;
    const target = join(postsRoot, ...relativePath.split('/'));
    const inside = relative(postsRoot, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') {
      throw new FeedmillError('WRITE_FAILED', `refusing to write outside ${postsRoot}`, { path: target });
    }
    if (folderKey !== undefined) checkedFolders.set(folderKey, dirname(target));
    return target;
  };
  return {
    async write(relativePath, content) {
      const target = resolveTarget(relativePath);
      const folder = dirname(target);
      const temporary = join(folder, `.${prefix}-${(written++).toString(36)}${TEMPORARY_SUFFIX}`);
      let fd: number | undefined;
      if (!made.has(folder)) {
        makeFolders(folder, makeFolder);
        made.add(folder);
      }
      let step: 'open' | 'write' = 'open';
      try {
        fd = openSync(temporary, 'wx', 0o644);
        step = 'write';
        writeBytes(fd, content);
        // Awaited only when pooled: an inline fsync has already returned.
        const synced = options.fsync ? sync.file(fd) : undefined;
        if (synced) await synced;
        closeSync(fd);
        fd = undefined;
        renameSync(temporary, target);
        touched.add(folder);
      } catch (error) {
        if (fd !== undefined) closeQuietly(fd);
        try {
          rmSync(temporary, { force: true });
        } catch {
          // The folder itself is unusable (ENOTDIR, EACCES): the original error says why.
        }
        // A file that cannot even be created is about its folder (read-only, permissions).
        throw step === 'open' ? folderError(error, folder, 'write in the folder') : writeError(error, target);
      }
    },
    async remove(relativePath) {
      const target = resolveTarget(relativePath);
      try {
        await rm(target, { force: true });
        touched.add(dirname(target));
      } catch (error) {
        throw writeError(error, target);
      }
    },
    async flush() {
      const folders = [...touched];
      touched.clear();
      if (!options.fsync) return;
      await Promise.all(
        folders.map(async (folder) => {
          try {
            await sync.folder(folder);
          } catch (error) {
            throw writeError(error, folder);
          }
        }),
      );
    },
  };
}

/** A file name that joins to its folder as itself: no separator, no dot segment, not empty. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\');
}

/** Writes all the bytes at the file's position: one call, more only if the kernel writes fewer. */
function writeBytes(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) {
    const bytesWritten = writeSync(fd, bytes, offset, bytes.length - offset, null);
    // A regular file takes at least a byte or fails; never loop on a file that takes none.
    if (bytesWritten <= 0) throw Object.assign(new Error('the file took no bytes'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing: the first error is the one worth reporting.
  }
}

const EXPLANATIONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/**
 * Creates a post's folder one level at a time, so that a failure names the folder that could
 * not be made and the real cause (a file in the way, a read-only parent) rather than whatever
 * errno a recursive mkdir reports for its first attempt.
 */
function makeFolders(folder: string, makeFolder: (path: string) => void): void {
  const missing: string[] = [];
  for (let current = folder; ; ) {
    let isFolder: boolean;
    try {
      isFolder = statSync(current).isDirectory();
    } catch (error) {
      const parent = dirname(current);
      // ENOTDIR: an ancestor is a file; the walk up finds and names it.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current)
        throw folderError(error, current, 'create the folder');
      missing.push(current);
      current = parent;
      continue;
    }
    if (!isFolder)
      throw new FeedmillError(
        'WRITE_FAILED',
        `cannot create the folder ${folder}: ${current} is a file, not a folder (ENOTDIR); move it away or rename ` +
          'the category; nothing was recorded, the next run completes the work',
        { path: current },
      );
    break;
  }
  for (const level of missing.reverse()) {
    try {
      makeFolder(level);
    } catch (error) {
      // Made meanwhile by a concurrent feed writing to the same folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolderNow(level)) continue;
      throw folderError(error, level, 'create the folder');
    }
  }
}

function isFolderNow(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function folderError(error: unknown, folder: string, doing: string): FeedmillError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? `permission denied: ${code === 'EACCES' && doing === 'create the folder' ? dirname(folder) : folder} is not writable`
      : (EXPLANATIONS[code] ?? (error as Error).message);
  return new FeedmillError(
    'WRITE_FAILED',
    `cannot ${doing} ${folder}: ${why} (${code}); nothing was recorded, the next run completes the work`,
    { path: folder },
    { cause: error },
  );
}

function writeError(error: unknown, path: string): FeedmillError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const why = EXPLANATIONS[code] ?? (error as Error).message;
  return new FeedmillError(
    'WRITE_FAILED',
    `cannot write ${path}: ${why} (${code}); nothing was recorded, the next run completes the work`,
    { path },
    { cause: error },
  );
}

/**
 * Commits one feed's plan. Protocol (crash-safe at any instant):
 * 1. journal the creates and updates in `pending_writes` (one transaction, on disk before step 2;
 *    the fsyncs of feeds journalling at the same time are shared);
 * 2. write each post (temporary file, fsync, rename), then fsync the folders;
 * 3. one transaction: item rows, validators and success, journal cleared (without `update`, a
 *    batch of a feed with more to come: item rows only, journal cleared).
 * A crash between 1 and 3 leaves journal rows that the next run's repair settles: a file whose
 * hash matches its journal row is adopted, otherwise the row is dropped and the post rewritten.
 * Unchanged posts are not touched (their mtime stays).
 */
export async function commitFeed(
  effects: { writer: PostWriter; store: Store },
  feedId: number,
  plan: readonly PlannedWrite[],
  update: SuccessUpdate | undefined,
): Promise<void> {
  const changes = plan.filter(
    (write): write is Extract<PlannedWrite, { content: Uint8Array }> => write.kind !== 'unchanged',
  );
  if (changes.length > 0) {
    // Journalled at once (concurrent feeds see the paths taken); durable before any rename.
    await effects.store.beginWrites(
      feedId,
      changes.map((write) => write.record),
    );
    await writeAll(effects.writer, changes);
    await effects.writer.flush();
  }
  const records = recordsToWrite(plan);
  if (update) effects.store.recordSuccess(feedId, records, update);
  else effects.store.recordItems(feedId, records);
}

/**
 * How many posts of a feed are written at once: enough to keep libuv's thread pool busy with
 * their fsyncs, few enough that a feed of 10,000 items does not hold 10,000 open files at once.
 */
const WRITES_IN_FLIGHT = 16;

/**
 * Writes the posts, WRITES_IN_FLIGHT at a time. After a failure no new write starts, and every
 * write started settles before the first failure is thrown, so none is in flight once the feed
 * has failed (the journal lets the next run's repair settle what was or was not written).
 */
async function writeAll(
  writer: PostWriter,
  changes: readonly { relativePath: string; content: Uint8Array }[],
): Promise<void> {
  let next = 0;
  let failure: { reason: unknown } | undefined;
  const lane = async () => {
    while (failure === undefined && next < changes.length) {
      const change = changes[next++]!;
      try {
        await writer.write(change.relativePath, change.content);
      } catch (error) {
        failure ??= { reason: error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, changes.length) }, lane));
  if (failure) throw failure.reason;
}
