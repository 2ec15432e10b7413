import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { initCommand } from '../../src/cli/commands/init-command.ts';
import { main } from '../../src/cli/index.ts';
import type { NpmResult } from '../../src/init/index.ts';
import { bufferOutput } from './buffer-output.ts';

const work = mkdtempSync(join(tmpdir(), 'feedmill-init-command-'));
after(() => rmSync(work, { recursive: true, force: true }));
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** A stand-in for npm: records each call, answers `view` as told, packs a dummy tarball, writes a lock file. */
function fakeNpm(view: NpmResult, lock: NpmResult = { status: 0, stdout: '', stderr: '' }) {
  const calls: string[][] = [];
  const npm = (args: readonly string[], cwd: string): NpmResult => {
    calls.push([...args]);
    if (args[0] === 'view') return view;
    if (args[0] === 'pack') {
      writeFileSync(join(args[2]!, `feedmill-${version}.tgz`), 'packed');
      return { status: 0, stdout: '', stderr: '' };
    }
    if (lock.status === 0) writeFileSync(join(cwd, 'package-lock.json'), '{}\n');
    return lock;
  };
  return { npm, calls };
}

const args = (dir: string, ...more: string[]) => [dir, '--timezone', 'UTC', ...more];

test('a published version: a registry range, no tarball, and the lock file written', async () => {
  const { npm, calls } = fakeNpm({ status: 0, stdout: `"${version}"\n`, stderr: '' });
  const output = bufferOutput(false);
  const site = join(work, 'published');
  assert.equal(await initCommand(args(site), output, npm), 0, output.stderr);
  assert.doesNotMatch(readFileSync(join(site, '.github', 'workflows', 'feedmill.yml'), 'utf8'), /diygod/);
  assert.deepEqual(
    calls.map((call) => call[0]),
    ['view', 'install'],
  );
  assert.ok(calls[1]!.includes('--package-lock-only'));
  const pkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies.feedmill, `^${version}`);
  assert.match(output.stdout, /is on the npm registry/);
  assert.match(output.stdout, /feedmill comes from the npm registry: "feedmill": "\^/);
  assert.match(output.stdout, /package-lock\.json/);
  assert.match(output.stdout, /npm ci/);
});

test('an unpublished version (E404): this copy packed into vendor/ and depended on by file:', async () => {
  const { npm, calls } = fakeNpm({
    status: 1,
    stdout: '',
    stderr: 'npm error code E404\nnpm error 404 Not Found',
  });
  const output = bufferOutput(false);
  const site = join(work, 'unpublished');
  assert.equal(await initCommand(args(site, '--rsshub-service'), output, npm), 0, output.stderr);
  const workflow = readFileSync(join(site, '.github', 'workflows', 'feedmill.yml'), 'utf8');
  assert.match(workflow, /image: diygod\/rsshub/);
  assert.deepEqual(
    calls.map((call) => call[0]),
    ['view', 'pack', 'install'],
  );
  const pkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies.feedmill, `file:vendor/feedmill-${version}.tgz`);
  assert.equal(readFileSync(join(site, 'vendor', `feedmill-${version}.tgz`), 'utf8'), 'packed');
  assert.match(output.stdout, /is not on the npm registry: packing/);
  assert.match(output.stdout, /feedmill is vendored: package\.json has "feedmill": "file:vendor\//);
});

test('an unreachable registry packs too; --from decides without asking; a failed lock file is a note', async () => {
  const offline = fakeNpm({ status: 1, stdout: '', stderr: 'npm error code ENOTFOUND' });
  const output = bufferOutput(false);
  assert.equal(await initCommand(args(join(work, 'offline')), output, offline.npm), 0, output.stderr);
  assert.match(output.stdout, /Could not ask the npm registry/);
  assert.equal(offline.calls[1]![0], 'pack');

  const failing = fakeNpm(
    { status: 0, stdout: '', stderr: '' },
    { status: 1, stdout: '', stderr: 'npm error code ENOTCACHED' },
  );
  const noted = bufferOutput(false);
  assert.equal(await initCommand(args(join(work, 'no-lock'), '--from', 'registry'), noted, failing.npm), 0);
  assert.deepEqual(
    failing.calls.map((call) => call[0]),
    ['install'],
  );
  assert.match(noted.stderr, /npm could not write package-lock\.json[\s\S]*ENOTCACHED/);
  assert.match(noted.stdout, /npm install +# writes package-lock\.json/);

  const skipped = fakeNpm({ status: 0, stdout: '', stderr: '' });
  await initCommand(
    args(join(work, 'skip'), '--from', 'tarball', '--no-lockfile'),
    bufferOutput(false),
    skipped.npm,
  );
  assert.deepEqual(
    skipped.calls.map((call) => call[0]),
    ['pack'],
  );
});

test('--from takes only registry or tarball; a busy folder is refused before anything is packed', async () => {
  const output = bufferOutput(false);
  assert.equal(await main(['init', join(work, 'bad'), '--from', 'git'], output), 2);
  assert.match(output.stderr, /--from git: use registry or tarball/);
  const busy = join(work, 'busy');
  await initCommand(
    args(busy, '--from', 'registry', '--no-lockfile'),
    bufferOutput(false),
    fakeNpm({ status: 0, stdout: '', stderr: '' }).npm,
  );
  const { npm, calls } = fakeNpm({ status: 0, stdout: '', stderr: '' });
  await assert.rejects(initCommand(args(busy), bufferOutput(false), npm), /is not empty/);
  assert.deepEqual(calls, []);
});
