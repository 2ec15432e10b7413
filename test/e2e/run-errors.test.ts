import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function siteWith(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedmill-run-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'feedmill.yml'), config);
  return dir;
}

test('an invalid config is reported as path: message with exit code 2', async () => {
  const dir = siteWith(
    'feeds:\n  - url: 3\n    limit: -1\n    colour: red\nrsshub:\n  instances: [ftp://example.org]\n',
  );
  const result = await runFeedmill(['run'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /feeds\[0\]\.url: /);
  assert.match(result.stderr, /feeds\[0\]\.limit: /);
  assert.match(result.stderr, /feeds\[0\]\.colour: unknown key/);
  assert.match(result.stderr, /rsshub\.instances\[0\]: must be an http\(s\) URL/);
});

test('YAML syntax errors name the line, exit code 2', async () => {
  const dir = siteWith('feeds:\n  - url: "unterminated\n');
  const result = await runFeedmill(['run'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /not valid YAML/);
  assert.match(result.stderr, /feedmill\.yml:\d+:\d+: /);
  assert.match(result.stderr, /\| +\^/);
});

test('two feeds with the same name are a config error naming both, exit code 2', async () => {
  const dir = siteWith('feeds:\n  - url: a.xml\n    name: x\n  - url: b.xml\n    name: x\n');
  const result = await runFeedmill(['run'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /feeds\[1\]\.name: "x" is also the name of feeds\[0\]/);
});

test('a missing config file says where it looked, exit code 2', async () => {
  const dir = siteWith('');
  const result = await runFeedmill(['run', '--config', 'nope.yml'], dir);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /config file not found: .*nope\.yml/);
});

test('a missing feed file fails only its feed: the others are written, exit code 3', async () => {
  const dir = siteWith(
    [
      'feeds:',
      '  - url: feeds/missing.xml',
      '    name: missing-feed',
      '    categories: [A, B]',
      `  - url: ${JSON.stringify(SEED_FEED)}`,
      '    categories: [金融, 新浪财经, 新浪财经－国內]',
      '  - url: not-a-feed.html',
      '    name: html-page',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'not-a-feed.html'), '<!DOCTYPE html><html><body>hello</body></html>');
  const result = await runFeedmill(['run'], dir);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /missing-feed: feed file not found: .*missing\.xml/);
  assert.match(result.stderr, /html-page: not a feed/);
  assert.match(result.stdout, /1 new/);
  const written = readdirSync(join(dir, 'source', '_posts', '金融', '新浪财经', '新浪财经－国內'));
  assert.equal(written.length, 1);
});

test('unknown command and unknown option are usage errors (exit 2)', async () => {
  const dir = siteWith('');
  assert.equal((await runFeedmill(['frobnicate'], dir)).code, 2);
  assert.equal((await runFeedmill(['run', '--frob'], dir)).code, 2);
});

test('--version and --help', async () => {
  const dir = siteWith('');
  const version = await runFeedmill(['--version'], dir);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const help = await runFeedmill(['run', '--help'], dir);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: feedmill run/);
});
