import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { FeedmillError } from '../errors.ts';
import { type ProcessIdentity, type ProcessProbe, systemProbe } from './process-identity.ts';

/** Who holds a site's lock (the lock file's content); the file's mtime is its heartbeat. */
export interface LockOwner extends ProcessIdentity {
  started: string;
  /** Random per acquisition: tells this holder from an earlier process with the same pid. */
  token?: string;
}

/** A held lock; release it when the run ends (a crash leaves it stale, and the next run takes it over). */
export interface SiteLock {
  release(): void;
}

/** Timing and effects of the lock, replaceable in tests. */
export interface SiteLockOptions {
  now?: () => Date;
  /** How often the holder touches the lock file's mtime (default 10 s). */
  heartbeatMs?: number;
  /** A lock whose holder cannot be looked at (another host) is stale after this silence (default 10 min). */
  staleAfterMs?: number;
  /** A lock of another PID namespace on this kernel (same clock) is stale after this silence (default 60 s). */
  namespaceStaleAfterMs?: number;
  probe?: ProcessProbe;
  /** Creates the lock file (O_EXCL); tests pass one that fails like a read-only folder. */
  open?: (path: string) => number;
}

/** What `feedmill unlock` and a LOCKED error tell about a lock. */
export interface LockInspection {
  path: string;
  /** Missing when no lock file exists. */
  holder?: LockOwner | 'unreadable';
  /** The lock file's mtime, which its holder refreshes while it runs. */
  heartbeat?: Date;
  verdict: 'free' | 'stale' | 'alive';
  /** Why the verdict, in words. */
  reason: string;
}

const DEFAULTS = {
  heartbeatMs: 10_000,
  staleAfterMs: 10 * 60_000,
  namespaceStaleAfterMs: 60_000,
};
/** A lock file still empty after this is a start that died between create and write. */
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Tokens of the locks this process holds: a lock naming our pid and none of them is not ours.
 * Kept on the process (not the module), so two copies of feedmill loaded in one process (the
 * CLI's and a Hexo plugin's) share it.
 */
const heldTokens = processSet(Symbol.for('feedmill.heldLockTokens'));

function processSet(key: symbol): Set<string> {
  const shared = globalThis as Record<symbol, unknown>;
  if (!(shared[key] instanceof Set)) shared[key] = new Set<string>();
  return shared[key] as Set<string>;
}

/** The lock file inside a site's `.feedmill` folder. */
export function lockPath(feedmillFolder: string): string {
  return join(feedmillFolder, 'run.lock');
}

/**
 * Takes the one-run-per-site lock: the file is created with O_EXCL and its mtime refreshed
 * while the run lasts. A stale lock (see inspectSiteLock) is taken over; a live one throws LOCKED.
 */
export function acquireSiteLock(feedmillFolder: string, options: SiteLockOptions = {}): SiteLock {
  const now = options.now ?? (() => new Date());
  const probe = options.probe ?? systemProbe;
  const path = lockPath(feedmillFolder);
  try {
    mkdirSync(feedmillFolder, { recursive: true });
  } catch (error) {
    throw cannotCreate(feedmillFolder, error);
  }
  const owner: LockOwner = {
    ...probe.self(),
    started: now().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner, feedmillFolder, options.open)) return hold(path, owner, options);
    const inspection = inspectSiteLock(feedmillFolder, options);
    if (inspection.verdict === 'free') continue;
    if (inspection.verdict === 'alive') {
      throw new FeedmillError(
        'LOCKED',
        `another feedmill run holds ${path} (${describeHolder(inspection)}): ${inspection.reason}; ` +
          'wait for it to finish, or see feedmill unlock',
        { path },
      );
    }
    removeStaleLock(inspection, options);
  }
  throw new FeedmillError('LOCKED', `cannot take the lock ${path}: it keeps changing hands`, { path });
}

/**
 * Judges a site's lock. On this kernel and in this PID namespace the holder's pid and start
 * time prove whether it runs; elsewhere (another host, another container) only its heartbeat
 * can, so it is stale once the heartbeat is older than the limit.
 */
export function inspectSiteLock(feedmillFolder: string, options: SiteLockOptions = {}): LockInspection {
  const path = lockPath(feedmillFolder);
  const holder = readOwner(path);
  if (holder === 'missing') return { path, verdict: 'free', reason: 'no run holds the lock' };
  let heartbeat: Date;
  try {
    heartbeat = statSync(path).mtime;
  } catch {
    return { path, verdict: 'free', reason: 'no run holds the lock' };
  }
  const judged = judge(holder, heartbeat, options);
  return { path, holder, heartbeat, ...judged };
}

/**
 * Removes a stale lock, or (for `feedmill unlock --force`) any lock as inspected. The file is
 * renamed aside (atomic: of two racing runs only one moves it), then checked to be the one
 * inspected and still stale; a racing run's fresh lock is put back. Returns whether it removed it.
 */
export function removeStaleLock(
  inspection: LockInspection,
  options: SiteLockOptions = {},
  force = false,
): boolean {
  const { path } = inspection;
  const aside = `${path}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return false;
  }
  const moved = readOwner(aside);
  let movedHeartbeat: Date | undefined;
  try {
    movedHeartbeat = statSync(aside).mtime;
  } catch {
    movedHeartbeat = undefined;
  }
  const same = sameHolder(inspection.holder, moved);
  const stillStale =
    force ||
    (moved !== 'missing' &&
      movedHeartbeat !== undefined &&
      judge(moved, movedHeartbeat, options).verdict === 'stale');
  if (!same || !stillStale) {
    // A racing run's live lock, or a holder that just woke up: put it back if the path is free.
    try {
      closeSync(openSync(path, 'wx'));
      renameSync(aside, path);
    } catch {
      // The path is taken again: whoever took it holds the lock now.
      rmSync(aside, { force: true });
    }
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

/** `pid 12 on host, since …, heartbeat 5 s ago`, for messages. */
export function describeHolder(inspection: LockInspection, now: Date = new Date()): string {
  const { holder, heartbeat } = inspection;
  const beat = heartbeat
    ? `, heartbeat ${Math.max(0, Math.round((now.getTime() - heartbeat.getTime()) / 1000))} s ago`
    : '';
  if (holder === undefined) return 'nobody';
  if (holder === 'unreadable') return `an unreadable lock file${beat}`;
  return `pid ${holder.pid} on ${holder.hostname}, since ${holder.started}${beat}`;
}

function judge(
  holder: LockOwner | 'unreadable',
  heartbeat: Date,
  options: SiteLockOptions,
): Pick<LockInspection, 'verdict' | 'reason'> {
  const now = (options.now ?? (() => new Date()))();
  const probe = options.probe ?? systemProbe;
  const age = now.getTime() - heartbeat.getTime();
  const seconds = Math.round(age / 1000);
  if (holder === 'unreadable') {
    return age > UNREADABLE_GRACE_MS
      ? { verdict: 'stale', reason: 'the lock file is cut short: its run died while starting' }
      : { verdict: 'alive', reason: 'the lock file is being written' };
  }
  const self = probe.self();
  const staleAfter = options.staleAfterMs ?? DEFAULTS.staleAfterMs;
  // One boot id is one boot of one kernel (a random UUID), whatever the hostname says: Docker
  // and Kubernetes give every container a hostname of its own on the same kernel.
  const sameKernel = holder.bootId !== undefined && holder.bootId === self.bootId;
  if (!sameKernel && holder.hostname !== self.hostname) {
    return age > staleAfter
      ? { verdict: 'stale', reason: `its heartbeat stopped ${seconds} s ago on another host` }
      : {
          verdict: 'alive',
          reason: `it runs on another host, whose processes cannot be looked at; its heartbeat is ${seconds} s old and it counts as stale after ${staleAfter / 1000} s without one`,
        };
  }
  if (holder.bootId && self.bootId && holder.bootId !== self.bootId) {
    return { verdict: 'stale', reason: 'it was taken before this machine last booted' };
  }
  const otherNamespace =
    holder.pidNamespace !== undefined &&
    self.pidNamespace !== undefined &&
    holder.pidNamespace !== self.pidNamespace;
  if (otherNamespace) {
    // Another container on this kernel: same clock, so a short silence is proof enough.
    const limit = options.namespaceStaleAfterMs ?? DEFAULTS.namespaceStaleAfterMs;
    return age > limit
      ? {
          verdict: 'stale',
          reason: `its process in another PID namespace stopped its heartbeat ${seconds} s ago`,
        }
      : {
          verdict: 'alive',
          reason: `it runs in another PID namespace (another container) and its heartbeat is ${seconds} s old`,
        };
  }
  if (holder.pid === self.pid) {
    // Only this process could hold a lock naming its pid here, and it knows its own tokens.
    return holder.token !== undefined && heldTokens.has(holder.token)
      ? { verdict: 'alive', reason: 'this process holds it' }
      : {
          verdict: 'stale',
          reason: `it names this process's pid ${self.pid} but was taken by an earlier process (a restarted container)`,
        };
  }
  const seen = probe.look(holder.pid);
  if (seen === 'missing') return { verdict: 'stale', reason: `pid ${holder.pid} no longer exists` };
  if (holder.startTime && seen.startTime && holder.startTime !== seen.startTime) {
    return { verdict: 'stale', reason: `pid ${holder.pid} now belongs to another process` };
  }
  return { verdict: 'alive', reason: `pid ${holder.pid} is running` };
}

function hold(path: string, owner: LockOwner, options: SiteLockOptions): SiteLock {
  const token = owner.token!;
  heldTokens.add(token);
  const now = options.now ?? (() => new Date());
  const timer = setInterval(() => {
    const holder = readOwner(path);
    if (typeof holder !== 'object' || holder.token !== token) {
      // Taken over (this process was stopped past the stale limit): the heartbeat is no longer ours.
      clearInterval(timer);
      return;
    }
    try {
      const at = now();
      utimesSync(path, at, at);
    } catch {
      // A missed beat is harmless: the stale limit spans many of them.
    }
  }, options.heartbeatMs ?? DEFAULTS.heartbeatMs);
  timer.unref();
  return {
    release() {
      clearInterval(timer);
      heldTokens.delete(token);
      const holder = readOwner(path);
      if (typeof holder === 'object' && holder.token === token) rmSync(path, { force: true });
    },
  };
}

function tryCreate(
  path: string,
  owner: LockOwner,
  folder: string,
  open: ((path: string) => number) | undefined,
): boolean {
  let fd: number;
  try {
    fd = open ? open(path) : openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cannotCreate(folder, error);
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A folder where the lock cannot be created is a write failure, never a lock held by someone. */
function cannotCreate(folder: string, error: unknown): FeedmillError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const cause =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied; make the folder writable'
      : code === 'EROFS'
        ? 'the file system is read-only; make the folder writable'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'it is not a folder; move that file away'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : (error as Error).message;
  return new FeedmillError(
    'WRITE_FAILED',
    `cannot create the run lock in ${folder}: ${cause}${code ? ` (${code})` : ''}`,
    { path: folder },
    { cause: error },
  );
}

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LockOwner, unknown>>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.started === 'string'
    ) {
      const owner: LockOwner = { pid: value.pid, hostname: value.hostname, started: value.started };
      for (const key of ['token', 'bootId', 'pidNamespace', 'startTime'] as const) {
        const field = value[key];
        if (typeof field === 'string') owner[key] = field;
      }
      return owner;
    }
  } catch {
    // A lock file cut short by a crash between create and write: its owner died mid-start.
  }
  return 'unreadable';
}

/** Whether two readings of a lock file show the same acquisition. */
function sameHolder(
  expected: LockOwner | 'unreadable' | undefined,
  actual: LockOwner | 'missing' | 'unreadable',
): boolean {
  if (expected === undefined || actual === 'missing') return false;
  if (expected === 'unreadable' || actual === 'unreadable') return expected === actual;
  return (
    expected.pid === actual.pid &&
    expected.started === actual.started &&
    expected.hostname === actual.hostname &&
    expected.token === actual.token
  );
}
