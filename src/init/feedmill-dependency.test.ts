import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { lookUpPublished, packPackage } from './feedmill-dependency.ts';
import type { NpmResult } from './run-npm.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-dependency-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const identity = { name: 'feedmill', version: '0.1.0' };
const answer =
  (status: number, stdout: string, stderr = '') =>
  (): NpmResult => ({ status, stdout, stderr });

test('lookUpPublished reads npm view: the version, nothing, E404, or something else', () => {
  assert.equal(lookUpPublished(identity, answer(0, '"0.1.0"\n')), 'published');
  assert.equal(lookUpPublished(identity, answer(0, '["0.1.0"]\n')), 'published');
  assert.equal(lookUpPublished(identity, answer(0, '')), 'missing');
  assert.equal(
    lookUpPublished(identity, answer(1, '{"error":{"code":"E404"}}', 'npm error code E404')),
    'missing',
  );
  assert.equal(lookUpPublished(identity, answer(1, '', 'npm error code ENOTFOUND')), 'unknown');
  assert.equal(lookUpPublished(identity, answer(0, 'not json')), 'unknown');
});

test('packPackage builds in a checkout, skips scripts in an installed copy, and names its failures', () => {
  const packages: Array<{ root: string; args: readonly string[] }> = [];
  const pack = (args: readonly string[], root: string): NpmResult => {
    packages.push({ root, args });
    writeFileSync(join(args[2]!, 'feedmill-0.1.0.tgz'), 'packed');
    return { status: 0, stdout: '', stderr: '' };
  };
  const installed = join(dir, 'installed');
  mkdirSync(join(installed, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(installed, 'dist', 'cli', 'bin.js'), '');
  const out = join(dir, 'out-1');
  mkdirSync(out);
  assert.equal(packPackage(installed, out, pack), join(out, 'feedmill-0.1.0.tgz'));
  assert.ok(packages[0]!.args.includes('--ignore-scripts'));

  const checkout = join(dir, 'checkout');
  mkdirSync(join(checkout, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(checkout, 'tsconfig.build.json'), '{}');
  writeFileSync(join(checkout, 'dist', 'cli', 'bin.js'), '');
  mkdirSync(join(dir, 'out-2'));
  packPackage(checkout, join(dir, 'out-2'), pack);
  assert.ok(!packages[1]!.args.includes('--ignore-scripts'), 'prepare builds dist/ in a checkout');

  const unbuilt = join(dir, 'unbuilt');
  mkdirSync(unbuilt);
  mkdirSync(join(dir, 'out-3'));
  assert.throws(
    () => packPackage(unbuilt, join(dir, 'out-3'), pack),
    (error: unknown) =>
      error instanceof FeedmillError && error.code === 'INIT_FAILED' && /no dist\//.test(error.message),
  );
  mkdirSync(join(dir, 'out-4'));
  assert.throws(
    () => packPackage(checkout, join(dir, 'out-4'), answer(1, '', 'npm error prepare failed')),
    (error: unknown) =>
      error instanceof FeedmillError &&
      /npm pack in .* failed \(exit 1\): npm error prepare failed/.test(error.message),
  );
});
