import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import { createHexoSite, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';
import { bufferOutput } from './buffer-output.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const site = createHexoSite();
after(() => site.remove());
const config = join(site.root, 'feedmill.yml');
writeFileSync(
  config,
  [
    'feeds:',
    `  - url: ${JSON.stringify(SEED_FEED)}`,
    '    name: 新浪财经',
    '    categories: [金融, 新浪财经]',
    '  - url: gone.xml',
    '    name: gone',
    '',
  ].join('\n'),
);

test('before any run every feed is "never run"', async () => {
  const output = bufferOutput(false);
  assert.equal(await main(['status', '--config', config], output), 0, output.stderr);
  assert.match(output.stdout, /^FEED {6}STATE {2}LAST SUCCESS {2}LAST ERROR {2}POSTS {2}NEXT CHECK$/m);
  assert.match(output.stdout, /^新浪财经 {2}- {6}never run {5}- {11}0 {6}-$/m);
});

test('after a run: last success, last error with code and message, post count', async () => {
  await main(['run', '--config', config, '--quiet'], bufferOutput(false));
  const result = await runFeedmill(['status'], site.root);
  assert.equal(result.code, 0, result.stderr);
  // The feeds' table; the site's post count and build estimate follow it (site-size-status.test.ts).
  const lines = result.stdout.split('\nsite: ')[0]!.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^新浪财经 {2}ok +\d{4}-\d\d-\d\dT\S+Z {2}- +1 +-$/);
  // A local file is not backed off: it is FAILING and tried again on the next run.
  assert.match(lines[2]!, /^gone +FAILING +never +FILE_NOT_FOUND: .*gone\.xml.* +0 +next run$/);
  const json = bufferOutput(false);
  assert.equal(await main(['status', '--config', config, '--json'], json), 0);
  const { feeds } = JSON.parse(json.stdout);
  assert.equal(feeds[0].posts, 1);
  assert.equal(feeds[0].seen, true);
  assert.equal(feeds[1].lastErrorCode, 'FILE_NOT_FOUND');
  assert.equal(feeds[1].consecutiveFailures, 1);
  assert.deepEqual(
    feeds.map((feed: { state: string }) => feed.state),
    ['ok', 'failing'],
  );
});

test('a corrupt state database is an error naming the file and what to do', async () => {
  const other = createHexoSite();
  try {
    const path = join(other.root, 'feedmill.yml');
    writeFileSync(path, 'state: state.db\nfeeds:\n  - url: a.xml\n');
    writeFileSync(
      join(other.root, 'state.db'),
      'this is not SQLite, but long enough to have a header.........',
    );
    const output = bufferOutput(false);
    assert.equal(await main(['status', '--config', path], output), 1);
    assert.match(
      output.stderr,
      /the state database .*state\.db is damaged \(file is not a database\); move it aside and run `feedmill state rebuild` to rebuild it from the posts \[STATE_FAILED\]/,
    );
  } finally {
    other.remove();
  }
});
