import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { systemProbe } from './process-identity.ts';

const LINUX = existsSync('/proc/self/stat');

test('this process: pid and hostname; on Linux boot id, PID namespace and start time', () => {
  const self = systemProbe.self();
  assert.equal(self.pid, process.pid);
  if (!LINUX) return;
  assert.match(self.bootId ?? '', /^[0-9a-f-]{36}$/);
  assert.match(self.pidNamespace ?? '', /^pid:\[\d+\]$/);
  assert.match(self.startTime ?? '', /^\d+$/);
  assert.deepEqual(systemProbe.look(process.pid), { startTime: self.startTime });
});

test('a gone pid is missing; a running one has its start time even with ") " in its name', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  assert.equal(systemProbe.look(Number(dead.stdout)), 'missing');
  const child = spawn(
    process.execPath,
    ['-e', "process.title = 'a) b (c'; console.log('ready'); setInterval(() => {}, 1000)"],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  try {
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const seen = systemProbe.look(child.pid!);
    assert.notEqual(seen, 'missing');
    if (!LINUX || seen === 'missing') return;
    // Started after this process: a later start time, in the same clock ticks.
    assert.match(seen.startTime ?? '', /^\d+$/);
    assert.ok(Number(seen.startTime) >= Number(systemProbe.self().startTime));
  } finally {
    child.kill();
  }
});
