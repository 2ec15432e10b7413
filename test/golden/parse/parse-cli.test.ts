import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const bin = join(dir, '../../../src/cli/bin.ts');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', bin, 'parse', ...args], { encoding: 'utf8' });

test('feedmill parse prints JSON Feed 1.1 and reads zone-less dates in --timezone', () => {
  const result = cli(
    join(dir, 'rsshub-zoneless-date-shanghai.xml'),
    '--format',
    'jsonfeed',
    '--timezone',
    'Asia/Shanghai',
  );
  assert.equal(result.status, 0, result.stderr);
  const feed = JSON.parse(result.stdout);
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(Object.keys(feed).at(-1), 'items');
  assert.equal(feed.items[0].date_published, '2021-12-16T06:30:00.000Z');
});

test('feedmill parse fails with NOT_A_FEED naming the file', () => {
  const file = join(dir, 'not-a-feed-html.html');
  const result = cli(file);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /not a feed/);
  assert.ok(result.stderr.includes(file));
  assert.match(result.stderr, /NOT_A_FEED/);
});
