import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { initCommand } from '../../src/cli/commands/init-command.ts';
import type { NpmResult } from '../../src/init/index.ts';
import { bufferOutput } from './buffer-output.ts';

const work = mkdtempSync(join(tmpdir(), 'feedmill-init-hugo-command-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** npm that packs a dummy tarball and writes a lock file. */
const npm = (args: readonly string[], cwd: string): NpmResult => {
  if (args[0] === 'pack') writeFileSync(join(args[2]!, 'feedmill-0.1.0.tgz'), 'packed');
  else writeFileSync(join(cwd, 'package-lock.json'), '{}\n');
  return { status: 0, stdout: '', stderr: '' };
};

test('--generator hugo from a packed tarball: the tarball vendored, a Hugo site, Hugo next steps', async () => {
  const output = bufferOutput(false);
  const site = join(work, 'hugo-site');
  const code = await initCommand(
    [site, '--generator', 'hugo', '--timezone', 'UTC', '--from', 'tarball'],
    output,
    npm,
  );
  assert.equal(code, 0, output.stderr);
  assert.ok(existsSync(join(site, 'vendor', 'feedmill-0.1.0.tgz')));
  assert.deepEqual(JSON.parse(readFileSync(join(site, 'package.json'), 'utf8')).dependencies, {
    feedmill: 'file:vendor/feedmill-0.1.0.tgz',
  });
  assert.ok(existsSync(join(site, 'hugo.yaml')) && !existsSync(join(site, '_config.yml')));
  assert.match(output.stdout, /Created a Hugo site/);
  assert.match(output.stdout, /^ {2}hugo {2,}# or: hugo server/m);
});

test('--generator takes hexo or hugo; --theme is for Hexo sites', async () => {
  const output = bufferOutput(false);
  await assert.rejects(
    initCommand([join(work, 'a'), '--generator', 'jekyll'], output, npm),
    /--generator jekyll: use hexo or hugo/,
  );
  await assert.rejects(
    initCommand([join(work, 'b'), '--generator', 'hugo', '--theme', 'fluid'], output, npm),
    /--theme chooses a Hexo theme/,
  );
});
