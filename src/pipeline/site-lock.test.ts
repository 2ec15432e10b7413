import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { type ProcessProbe, systemProbe } from './process-identity.ts';
import { acquireSiteLock, inspectSiteLock, lockPath, type SiteLockOptions } from './site-lock.ts';

function withFolder(work: (folder: string) => void | Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lock-'));
  return Promise.resolve(work(folder)).finally(() => rmSync(folder, { recursive: true, force: true }));
}

/** This process as seen in a container: fixed boot id and PID namespace, real pids. */
const probe: ProcessProbe = {
  self: () => ({ ...systemProbe.self(), bootId: 'boot-a', pidNamespace: 'pid:[100]' }),
  look: (pid) => systemProbe.look(pid),
};
const OPTIONS: SiteLockOptions = { probe };
const HERE = { hostname: hostname(), bootId: 'boot-a', pidNamespace: 'pid:[100]' };

/** Writes a lock file by hand, its heartbeat `ageMs` old. */
function writeLock(folder: string, owner: object | string, ageMs = 0): void {
  const path = lockPath(folder);
  writeFileSync(
    path,
    typeof owner === 'string' ? owner : JSON.stringify({ started: '2026-12-01T00:00:00.000Z', ...owner }),
  );
  const at = new Date(Date.now() - ageMs);
  utimesSync(path, at, at);
}

function isLocked(error: unknown, pattern: RegExp): boolean {
  return error instanceof FeedmillError && error.code === 'LOCKED' && pattern.test(error.message);
}

function deadPid(): number {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(dead.stdout);
}

test('the lock records who holds it, refuses a second holder and is released', () =>
  withFolder((folder) => {
    const lock = acquireSiteLock(folder, { ...OPTIONS, now: () => new Date('2026-12-01T00:00:00Z') });
    const owner = JSON.parse(readFileSync(lockPath(folder), 'utf8'));
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.started, '2026-12-01T00:00:00.000Z');
    assert.match(owner.token, /^[0-9a-f]{16}$/);
    assert.equal(owner.bootId, 'boot-a');
    assert.equal(owner.pidNamespace, 'pid:[100]');
    // The same process asking again (a second run in one process) is refused too.
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, /this process holds it/),
    );
    lock.release();
    assert.equal(existsSync(lockPath(folder)), false);
  }));

test('a live process of this host and namespace holds the lock; the same pid with another start time does not', () =>
  withFolder((folder) => {
    const parent = systemProbe.look(process.ppid);
    const startTime = parent === 'missing' ? undefined : parent.startTime;
    writeLock(folder, { ...HERE, pid: process.ppid, token: 'other', ...(startTime ? { startTime } : {}) });
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, new RegExp(`pid ${process.ppid} on .*pid ${process.ppid} is running`)),
    );
    if (startTime) {
      // The pid was reused: the process that took the lock started at another time.
      writeLock(folder, { ...HERE, pid: process.ppid, token: 'other', startTime: `${startTime}1` });
      acquireSiteLock(folder, OPTIONS).release();
    }
  }));

test('a lock from a dead process, or a lock file cut short long ago, is taken over', () =>
  withFolder((folder) => {
    writeLock(folder, { ...HERE, pid: deadPid(), token: 'gone' });
    const lock = acquireSiteLock(folder, OPTIONS);
    assert.equal(JSON.parse(readFileSync(lockPath(folder), 'utf8')).pid, process.pid);
    lock.release();
    // Just created by a run that is still writing it: respected.
    writeLock(folder, '{"pid": 12');
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, /being written/),
    );
    writeLock(folder, '{"pid": 12', 60_000);
    acquireSiteLock(folder, OPTIONS).release();
  }));

test('a lock naming our own pid with another token is an earlier process (container restart): taken over', () =>
  withFolder((folder) => {
    // As PID 1 in a restarted container: the killed run was PID 1 as well.
    writeLock(folder, { ...HERE, pid: process.pid, token: 'before-restart', startTime: '1' });
    const lock = acquireSiteLock(folder, OPTIONS);
    assert.notEqual(JSON.parse(readFileSync(lockPath(folder), 'utf8')).token, 'before-restart');
    lock.release();
  }));

test('another host: respected while its heartbeat is fresh, taken over once it is older than the limit', () =>
  withFolder((folder) => {
    const remote = {
      pid: 1,
      hostname: 'elsewhere.invalid',
      bootId: 'boot-b',
      pidNamespace: 'pid:[1]',
      token: 't',
    };
    writeLock(folder, remote, 60_000);
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, /elsewhere\.invalid.*another host/),
    );
    writeLock(folder, remote, 11 * 60_000);
    assert.equal(inspectSiteLock(folder, OPTIONS).verdict, 'stale');
    acquireSiteLock(folder, OPTIONS).release();
    // The limit is an option.
    writeLock(folder, remote, 60_000);
    acquireSiteLock(folder, { ...OPTIONS, staleAfterMs: 30_000 }).release();
  }));

test('another PID namespace on this kernel: only its heartbeat counts, with a short limit (same clock)', () =>
  withFolder((folder) => {
    const sibling = { ...HERE, pidNamespace: 'pid:[200]', pid: 1, token: 't' };
    writeLock(folder, sibling, 5_000);
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, /another PID namespace/),
    );
    writeLock(folder, sibling, 2 * 60_000);
    acquireSiteLock(folder, OPTIONS).release();
  }));

test('a killed run of another container on this kernel (its own hostname, as Docker gives each) is stale after a minute, not ten', () =>
  withFolder((folder) => {
    // `docker run` gives every container a hostname of its own; the kernel's boot id is shared.
    const container = { ...HERE, hostname: '3f2a9c1b7d4e', pidNamespace: 'pid:[200]', pid: 1, token: 't' };
    writeLock(folder, container, 5_000);
    assert.throws(
      () => acquireSiteLock(folder, OPTIONS),
      (error) => isLocked(error, /another PID namespace/),
    );
    writeLock(folder, container, 2 * 60_000);
    assert.match(inspectSiteLock(folder, OPTIONS).reason, /another PID namespace stopped its heartbeat/);
    acquireSiteLock(folder, OPTIONS).release();
    // The same kernel and PID namespace under another hostname: the pid is the proof.
    writeLock(folder, { ...HERE, hostname: 'renamed', pid: deadPid(), token: 't' });
    assert.match(inspectSiteLock(folder, OPTIONS).reason, /no longer exists/);
  }));

test('a lock taken before this machine booted is stale', () =>
  withFolder((folder) => {
    writeLock(folder, { ...HERE, bootId: 'boot-old', pid: process.ppid, token: 't' });
    assert.match(inspectSiteLock(folder, OPTIONS).reason, /before this machine last booted/);
    acquireSiteLock(folder, OPTIONS).release();
  }));

test('the holder refreshes the heartbeat; a holder that was taken over neither refreshes nor releases the new lock', () =>
  withFolder(async (folder) => {
    const lock = acquireSiteLock(folder, { ...OPTIONS, heartbeatMs: 20 });
    const old = new Date(Date.now() - 3600_000);
    utimesSync(lockPath(folder), old, old);
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.ok(Date.now() - statSync(lockPath(folder)).mtimeMs < 5_000, 'heartbeat refreshed');
    // Someone else's lock replaces ours (we were stopped past the limit): left alone.
    writeLock(folder, { ...HERE, pid: 1, pidNamespace: 'pid:[300]', token: 'new-holder' }, 3600_000);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.ok(Date.now() - statSync(lockPath(folder)).mtimeMs > 3000_000, 'not refreshed');
    lock.release();
    assert.equal(JSON.parse(readFileSync(lockPath(folder), 'utf8')).token, 'new-holder');
  }));

test('a folder where the lock cannot be created is WRITE_FAILED naming it, never LOCKED', () =>
  withFolder((folder) => {
    const denied = (path: string): number => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    };
    assert.throws(
      () => acquireSiteLock(folder, { ...OPTIONS, open: denied }),
      (error) =>
        error instanceof FeedmillError &&
        error.code === 'WRITE_FAILED' &&
        error.message ===
          `cannot create the run lock in ${folder}: permission denied; make the folder writable (EACCES)`,
    );
    // A file where the .feedmill folder should be (fails even as root).
    const blocked = join(folder, '.feedmill');
    writeFileSync(blocked, 'not a folder');
    assert.throws(
      () => acquireSiteLock(blocked, OPTIONS),
      (error) =>
        error instanceof FeedmillError &&
        error.code === 'WRITE_FAILED' &&
        /run lock in .*\.feedmill: it is not a folder/.test(error.message),
    );
  }));

test(
  'a read-only .feedmill folder is WRITE_FAILED (chmod; not enforced for root)',
  { skip: process.getuid?.() === 0 },
  () =>
    withFolder((folder) => {
      const readOnly = join(folder, '.feedmill');
      mkdirSync(readOnly, { mode: 0o555 });
      assert.throws(
        () => acquireSiteLock(readOnly, OPTIONS),
        (error) =>
          error instanceof FeedmillError &&
          error.code === 'WRITE_FAILED' &&
          /permission denied/.test(error.message),
      );
    }),
);
