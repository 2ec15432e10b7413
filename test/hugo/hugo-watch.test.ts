import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { REPO_ROOT, TSX_ARGS } from '../support/hexo-site.ts';
import { createHugoSite, HUGO_MISSING } from '../support/hugo-site.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');

describe('feedmill watch --generate on a Hugo site', { skip: HUGO_MISSING }, () => {
  const site = HUGO_MISSING ? undefined : createHugoSite();
  after(() => site?.remove());

  test('builds the site with hugo after a run that wrote posts', async () => {
    const root = site!.root;
    writeFileSync(
      join(root, 'feedmill.yml'),
      `interval_minutes: 60\nfeeds:\n  - url: ${JSON.stringify(SEED_FEED)}\n    name: seed\n    categories: [金融]\n`,
    );
    const child = spawn(
      process.execPath,
      [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'watch', '--generate', '--debounce', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no build in 20 s:\n${stdout}\n${stderr}`)), 20_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (/^hugo done$/m.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.match(stdout, /^ok {6}seed: 1 new/m);
    assert.ok(stdout.indexOf('seed: 1 new') < stdout.indexOf('hugo…'));
    assert.ok(existsSync(join(root, 'public', 'posts', '金融')), 'hugo built the post page');
  });
});
