import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { bufferOutput } from '../../../test/cli/buffer-output.ts';
import { generateSite } from './generate-site.ts';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], label: 'build' });

test('a build that runs past its limit is stopped and reported; the watch is not held', async () => {
  const output = bufferOutput(false);
  const started = Date.now();
  // Ignores SIGTERM, as a hung build may: SIGKILL follows.
  await generateSite(node("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"), tmpdir(), output, {
    quiet: false,
    timeoutMs: 300,
  });
  assert.ok(Date.now() - started < 15_000);
  assert.match(output.stderr, /error: build ran over 0 min in .* and was stopped \(--generate-timeout\)/);
});

test('a build that ends in time is reported done, a failing one with the end of its stderr', async () => {
  const done = bufferOutput(false);
  await generateSite(node(''), tmpdir(), done, { quiet: false, timeoutMs: 60_000 });
  assert.equal(done.stdout, 'build…\nbuild done\n');
  const failed = bufferOutput(false);
  await generateSite(
    node("process.stderr.write('x'.repeat(100000) + 'END'); process.exit(3)"),
    tmpdir(),
    failed,
    {
      quiet: true,
      timeoutMs: 60_000,
    },
  );
  assert.match(failed.stderr, /error: build failed in .* \(exit 3\)/);
  assert.ok(failed.stderr.endsWith('END'));
  assert.ok(failed.stderr.length < 70_000, 'only the end of a long stderr');
});
