import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import {
  createHexoSite,
  type HexoSite,
  REPO_ROOT,
  runCommand,
  runFeedmill,
  TSX_ARGS,
} from '../support/hexo-site.ts';
import { bufferOutput } from './buffer-output.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const sites: HexoSite[] = [];
after(() => {
  for (const site of sites) site.remove();
});

/** A site whose feedmill.yml has the seed feed in two files (two names and folders), maybe a missing one. */
function site(withMissing = false): { site: HexoSite; config: string } {
  const created = createHexoSite();
  sites.push(created);
  const config = join(created.root, 'feedmill.yml');
  // A second file: the state keys feeds by address, so the same path twice would be one feed.
  copyFileSync(SEED_FEED, join(created.root, 'copy.xml'));
  writeFileSync(
    config,
    [
      'feeds:',
      `  - url: ${JSON.stringify(SEED_FEED)}`,
      '    name: seed',
      '    categories: [金融, 新浪财经, 新浪财经－国內]',
      '  - url: copy.xml',
      '    name: copy',
      '    categories: [Copy]',
      ...(withMissing ? ['  - url: missing.xml', '    name: missing', '    categories: [M]'] : []),
      '',
    ].join('\n'),
  );
  return { site: created, config };
}

const postsUnder = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

test('--dry-run prints the plan and writes neither posts nor state', async () => {
  const { site: s, config } = site();
  const output = bufferOutput(false);
  const code = await main(['run', '--config', config, '--dry-run'], output);
  assert.equal(code, 0, output.stderr);
  assert.match(output.stdout, /^would create 金融\/新浪财经\/新浪财经－国內\/.+\.md$/m);
  assert.match(output.stdout, /^would create Copy\/.+\.md$/m);
  assert.match(output.stdout, /dry run \(nothing written\) in [\d.]+ s: 2 feeds, 2 new/);
  assert.equal(postsUnder(s.postsDir), 0);
  assert.ok(!existsSync(join(s.root, '.feedmill', 'state.db')), 'no state database created');
});

test('on a TTY: live status line, then the summary; a second run is all unchanged', async () => {
  const { site: s, config } = site();
  const tty = bufferOutput(true);
  assert.equal(await main(['run', '--config', config], tty), 0, tty.stderr);
  assert.ok(tty.stdout.includes('\r\x1b[2K[0/2] 0 new · fetching seed'), JSON.stringify(tty.stdout));
  assert.ok(tty.stdout.includes('\r\x1b[2K[2/2] 2 new'));
  assert.match(
    tty.stdout,
    /\r\x1b\[2Kdone in [\d.]+ s: 2 feeds, 2 new, 0 updated, 0 unchanged, 0 not modified, 0 failed\n$/,
  );
  assert.equal(postsUnder(s.postsDir), 2);
  const again = bufferOutput(true);
  assert.equal(await main(['run', '--config', config], again), 0);
  assert.match(again.stdout, /0 new, 0 updated, 2 unchanged/);
  // --dry-run on top of existing state plans nothing new.
  const dryTTY = bufferOutput(true);
  copyFileSync(SEED_FEED, join(s.root, 'third.xml'));
  writeFileSync(
    config,
    `${readFileSync(config, 'utf8')}  - url: third.xml\n    name: third\n    categories: [Third]\n`,
  );
  assert.equal(await main(['run', '--config', config, '-n', '--feed', 'third'], dryTTY), 0);
  assert.match(
    dryTTY.stdout,
    /\r\x1b\[2Kwould create Third\/.+\.md\n/,
    'the plan is printed on a cleared line',
  );
  const dry = bufferOutput(false);
  assert.equal(await main(['run', '--config', config, '-n', '--feed', 'seed', '--feed', 'copy'], dry), 0);
  assert.doesNotMatch(dry.stdout, /would create/);
  assert.match(dry.stdout, /0 new, 0 updated, 2 unchanged/);
});

test('--feed runs a subset; an unknown --feed is a usage error naming the known feeds', async () => {
  const { site: s, config } = site();
  const output = bufferOutput(false);
  assert.equal(await main(['run', '--config', config, '--feed', 'copy'], output), 0, output.stderr);
  assert.match(output.stdout, /1 feeds, 1 new/);
  assert.deepEqual(readdirSync(s.postsDir), ['Copy']);
  const bad = bufferOutput(false);
  assert.equal(await main(['run', '--config', config, '--feed', 'nope'], bad), 2);
  assert.match(
    bad.stderr,
    /--feed nope matches no feed in the config; use a feed's name or URL \(known: seed, copy\)/,
  );
});

test('without a TTY (real process): one plain line per feed, failures on stderr, exit 3', async () => {
  const { site: s } = site(true);
  const result = await runFeedmill(['run'], s.root);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stdout, /^ok {6}seed: 1 new, 0 updated, 0 unchanged$/m);
  assert.match(result.stdout, /^ok {6}copy: 1 new/m);
  assert.doesNotMatch(result.stdout, /\x1b/);
  assert.match(result.stderr, /^FAILED {2}missing: .*missing\.xml.* \[FILE_NOT_FOUND\]$/m);
  assert.match(result.stderr, /1 feed\(s\) failing \(see the FAILED lines above\); the others were written/);
  assert.match(result.stdout, /3 feeds, 2 new, 0 updated, 0 unchanged, 0 not modified, 1 failed/);
});

test('--json prints only the report; --quiet prints nothing on success; --verbose names sources', async () => {
  const { site: s, config } = site();
  const json = bufferOutput(true);
  assert.equal(await main(['run', '--config', config, '--json', '--feed', 'seed'], json), 0);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.totals, {
    feeds: 1,
    created: 1,
    updated: 0,
    unchanged: 0,
    notModified: 0,
    failed: 0,
    notFetched: 0,
    finished: 0,
  });
  assert.equal(report.feeds[0].name, 'seed');
  const quiet = bufferOutput(true);
  assert.equal(await main(['run', '--config', config, '--quiet'], quiet), 0);
  assert.equal(quiet.stdout + quiet.stderr, '');
  const verbose = bufferOutput(false);
  assert.equal(await main(['run', '--config', config, '--verbose'], verbose), 0);
  assert.ok(verbose.stdout.includes(`from ${SEED_FEED}`), verbose.stdout);
  assert.equal(postsUnder(s.postsDir), 2);
});

const SCRIPT = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();

test('a real terminal (under script(1)) gets the live status line', {
  skip: SCRIPT ? false : 'script(1) from util-linux is not installed',
}, async () => {
  const { site: s } = site();
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, ...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'run']
    .map(quote)
    .join(' ');
  const result = await runCommand(SCRIPT, ['-qec', command, '/dev/null'], s.root);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.ok(result.stdout.includes('\r\x1b[2K[2/2] 2 new'), JSON.stringify(result.stdout));
  assert.match(result.stdout, /done in [\d.]+ s: 2 feeds, 2 new/);
});
