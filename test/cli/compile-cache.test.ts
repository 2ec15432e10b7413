import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/hexo-site.ts';

const BIN = join(REPO_ROOT, 'bin', 'feedmill.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
/** Whether this Node can keep compiled code between runs (22.1 and later). */
const CAN_CACHE = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function runBin(env: Record<string, string | undefined>) {
  const { NODE_COMPILE_CACHE: _own, FEEDMILL_CACHE_DIR: _outer, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...inherited, ...env } });
}

test(`the CLI keeps its compiled code in feedmill's cache folder (${CAN_CACHE ? 'this Node can' : 'not on this Node'})`, () => {
  const cache = mkdtempSync(join(tmpdir(), 'feedmill-compile-'));
  try {
    const run = runBin({ FEEDMILL_CACHE_DIR: cache });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), VERSION);
    const folder = join(cache, 'compile');
    assert.equal(existsSync(folder), CAN_CACHE);
    if (CAN_CACHE)
      assert.ok(readdirSync(folder, { recursive: true }).length > 1, 'compiled modules are kept');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('an empty FEEDMILL_CACHE_DIR keeps no compile cache; unset, it goes under XDG_CACHE_HOME', () => {
  const home = mkdtempSync(join(tmpdir(), 'feedmill-home-'));
  try {
    const off = runBin({ FEEDMILL_CACHE_DIR: '', HOME: home, XDG_CACHE_HOME: join(home, 'xdg') });
    assert.equal(off.status, 0, off.stderr);
    assert.equal(existsSync(join(home, 'xdg')), false);
    const xdg = runBin({ HOME: home, XDG_CACHE_HOME: join(home, 'xdg') });
    assert.equal(xdg.status, 0, xdg.stderr);
    assert.equal(existsSync(join(home, 'xdg', 'feedmill', 'compile')), CAN_CACHE);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
