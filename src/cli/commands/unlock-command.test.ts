import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { acquireSiteLock, lockPath } from '../../pipeline/index.ts';
import { main } from '../main.ts';
import type { Output } from '../output.ts';

const site = mkdtempSync(join(tmpdir(), 'feedmill-unlock-'));
after(() => rmSync(site, { recursive: true, force: true }));
const config = join(site, 'feedmill.yml');
writeFileSync(config, 'feeds:\n  - url: feed.xml\n    name: f\n');
const folder = join(site, '.feedmill');
mkdirSync(folder, { recursive: true });

async function unlock(...extra: string[]) {
  const output = { stdout: '', stderr: '', isTTY: false } as Output & { stdout: string; stderr: string };
  output.out = (text) => {
    output.stdout += text;
  };
  output.err = (text) => {
    output.stderr += text;
  };
  const code = await main(['unlock', '--config', config, ...extra], output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}

function writeLock(owner: object, ageMs = 0): void {
  writeFileSync(
    lockPath(folder),
    JSON.stringify({ started: '2026-12-01T00:00:00.000Z', token: 't', ...owner }),
  );
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockPath(folder), at, at);
}

test('no lock: says so, exit 0', async () => {
  const result = await unlock();
  assert.equal(result.code, 0);
  assert.match(result.stdout, /^no run holds .*run\.lock\n$/);
});

test('a lock whose process is gone is shown and removed', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  writeLock({ pid: Number(dead.stdout), hostname: hostname() });
  const result = await unlock();
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    new RegExp(`held by pid ${dead.stdout} on ${hostname()}, since 2026-12-01T00:00:00.000Z`),
  );
  assert.match(result.stdout, new RegExp(`removed the stale lock: pid ${dead.stdout} no longer exists`));
  assert.equal(existsSync(lockPath(folder)), false);
});

test('a lock of another host whose heartbeat stopped long ago is removed', async () => {
  writeLock({ pid: 1, hostname: 'elsewhere.invalid' }, 3600_000);
  const result = await unlock();
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /removed the stale lock: its heartbeat stopped 3600 s ago on another host/);
  assert.equal(existsSync(lockPath(folder)), false);
});

test('a live holder is refused with exit 1 saying why and how, unless --force', async () => {
  const lock = acquireSiteLock(folder);
  try {
    const refused = await unlock();
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, new RegExp(`held by pid ${process.pid} on `));
    assert.match(
      refused.stderr,
      /^error: not removed: the holder looks alive \(this process holds it\)\. Wait for that run to finish; .*feedmill unlock --force \[LOCKED\]\n$/,
    );
    assert.ok(existsSync(lockPath(folder)), 'still locked');
    // Another host with a fresh heartbeat looks alive too.
    const ours = readFileSync(lockPath(folder), 'utf8');
    writeLock({ pid: 1, hostname: 'elsewhere.invalid' }, 5_000);
    const remote = await unlock();
    assert.equal(remote.code, 1);
    assert.match(remote.stderr, /another host/);
    writeFileSync(lockPath(folder), ours);

    const forced = await unlock('--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /removed the lock \(--force\) although this process holds it/);
    assert.equal(existsSync(lockPath(folder)), false);
  } finally {
    lock.release();
  }
  // The forced-out holder's release leaves a new holder's lock alone.
  const next = acquireSiteLock(folder);
  lock.release();
  assert.ok(existsSync(lockPath(folder)));
  next.release();
});
