import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FeedmillError } from '../errors.ts';

/** Who holds a site's lock (the lock file's content). */
export interface LockOwner {
  pid: number;
  hostname: string;
  started: string;
}

/** A held lock; release it when the run ends (a crash leaves it stale, and the next run takes it over). */
export interface SiteLock {
  release(): void;
}

/** The lock file inside a site's `.feedmill` folder. */
export function lockPath(feedmillFolder: string): string {
  return join(feedmillFolder, 'run.lock');
}

/**
 * Takes the one-run-per-site lock: the file is created with O_EXCL. A lock left by a dead
 * process on this host is taken over; a live one (or one from another host) throws LOCKED.
 */
export function acquireSiteLock(feedmillFolder: string, now: () => Date = () => new Date()): SiteLock {
  const path = lockPath(feedmillFolder);
  try {
    mkdirSync(feedmillFolder, { recursive: true });
  } catch (error) {
    throw new FeedmillError(
      'WRITE_FAILED',
      `cannot create ${feedmillFolder} for the run lock: ${(error as Error).message}`,
      { path: feedmillFolder },
      { cause: error },
    );
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), started: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner)) return { release: () => releaseLock(path, owner) };
    const holder = readOwner(path);
    if (holder === 'missing') continue;
    if (holder !== 'unreadable' && isAlive(holder)) {
      throw new FeedmillError(
        'LOCKED',
        `another feedmill run holds ${path} (pid ${holder.pid} on ${holder.hostname}, since ${holder.started}); ` +
          'wait for it to finish, or delete the file if that process is gone',
        { path },
      );
    }
    takeOverStale(path, holder);
  }
  throw new FeedmillError('LOCKED', `cannot take the lock ${path}: it keeps changing hands`, { path });
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FeedmillError('LOCKED', `cannot create the lock ${path}: ${(error as Error).message}`, {
      path,
    });
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.started === 'string'
    ) {
      return { pid: value.pid, hostname: value.hostname, started: value.started };
    }
  } catch {
    // A lock file cut short by a crash between create and write: its owner died mid-start.
  }
  return 'unreadable';
}

/** Alive unless it is on this host and signal 0 says the pid does not exist. */
function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside (rename is atomic, so of two racing runs only one moves this
 * file), then checks it moved the stale one and not a fresh lock of a racing run.
 */
function takeOverStale(path: string, stale: LockOwner | 'unreadable'): void {
  const aside = `${path}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.pid === stale.pid && moved.started === stale.started;
  if (!same) {
    // A racing run's live lock: put it back if nobody took the path meanwhile.
    try {
      closeSync(openSync(path, 'wx'));
      renameSync(aside, path);
      return;
    } catch {
      // The path is taken again; the racing run will find the lock held by someone else.
    }
  }
  rmSync(aside, { force: true });
}

function releaseLock(path: string, owner: LockOwner): void {
  const holder = readOwner(path);
  if (typeof holder === 'object' && holder.pid === owner.pid && holder.started === owner.started) {
    rmSync(path, { force: true });
  }
}
