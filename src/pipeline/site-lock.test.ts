import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { acquireSiteLock, lockPath } from './site-lock.ts';

function withFolder(work: (folder: string) => void): void {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lock-'));
  try {
    work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('the lock records pid, host and start time, refuses a second holder and is released', () => {
  withFolder((folder) => {
    const lock = acquireSiteLock(folder, () => new Date('2026-12-01T00:00:00Z'));
    const owner = JSON.parse(readFileSync(lockPath(folder), 'utf8'));
    assert.deepEqual(owner, { pid: process.pid, hostname: hostname(), started: '2026-12-01T00:00:00.000Z' });
    // A live process on this host (the parent of this test) holds a lock: refused.
    writeFileSync(lockPath(folder), JSON.stringify({ ...owner, pid: process.ppid }));
    assert.throws(
      () => acquireSiteLock(folder),
      (error: unknown) =>
        error instanceof FeedmillError && error.code === 'LOCKED' && /pid \d+/.test(error.message),
    );
    writeFileSync(lockPath(folder), JSON.stringify(owner));
    lock.release();
    assert.equal(existsSync(lockPath(folder)), false);
  });
});

test('a lock from a dead process or a cut-short lock file is taken over', () => {
  withFolder((folder) => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(
      lockPath(folder),
      JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), started: 'x' }),
    );
    const lock = acquireSiteLock(folder);
    assert.equal(JSON.parse(readFileSync(lockPath(folder), 'utf8')).pid, process.pid);
    lock.release();
    writeFileSync(lockPath(folder), '{"pid": 12');
    acquireSiteLock(folder).release();
  });
});

test('a lock from another host is respected', () => {
  withFolder((folder) => {
    writeFileSync(lockPath(folder), JSON.stringify({ pid: 1, hostname: 'elsewhere.invalid', started: 'x' }));
    assert.throws(() => acquireSiteLock(folder), /elsewhere\.invalid/);
  });
});
