import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FakeRsshub, type FakeRsshubOptions, startFakeRsshub } from './fake-rsshub.ts';
import { runMain } from './run-cli.ts';

// The category folder is part of a post's URL: an RSSHub route whose categories cannot be
// known yet (no catalogue from any instance, none cached) waits instead of being filed
// under a guess, and is written under the catalogue's categories once it can be loaded.

const behaviour: FakeRsshubOptions = { namespaceStatus: 503 };
let rsshub: FakeRsshub;
let dir: string;
let config: string;
const posts = () => join(dir, 'site', 'source', '_posts');

before(async () => {
  // The fake reads its options on every request, so the test can mend the catalogue later.
  rsshub = await startFakeRsshub(behaviour);
  dir = mkdtempSync(join(tmpdir(), 'feedmill-categories-wait-'));
  mkdirSync(join(dir, 'site'));
  config = join(dir, 'feedmill.yml');
  writeFileSync(
    config,
    `hexo: site
rsshub:
  instances: [${rsshub.url}]
feeds:
  - url: rsshub:/sina/finance/china
  - rsshub: /github/issue/DIYgod/RSSHub
    name: explicit
    categories: [Code, GitHub]
`,
  );
});
after(async () => {
  await rsshub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a catalogue the route waits: reported failing, not fetched, nothing written', async () => {
  const result = await runMain(['run', '--config', config]);
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /warning: no RSSHub route catalogue: RSSHub feeds without categories wait/);
  assert.match(
    result.stderr,
    /^FAILED {2}rsshub:\/sina\/finance\/china: categories of rsshub:\/sina\/finance\/china are unknown until the RSSHub catalogue can be loaded; set categories: to write now \[CATEGORIES_UNRESOLVED\]$/m,
  );
  assert.ok(!rsshub.requests.includes('/sina/finance/china'), 'the waiting route was fetched');
  // Explicit categories need no catalogue: that feed is written.
  assert.deepEqual(readdirSync(posts()), ['Code']);

  const status = await runMain(['status', '--json', '--config', config]);
  const { feeds } = JSON.parse(status.stdout) as {
    feeds: { name: string; state: string; lastErrorCode?: string; nextCheck?: string }[];
  };
  const waiting = feeds.find((feed) => feed.name === 'rsshub:/sina/finance/china');
  assert.equal(waiting?.state, 'failing');
  assert.equal(waiting?.lastErrorCode, 'CATEGORIES_UNRESOLVED');
  assert.equal(waiting?.nextCheck, undefined, 'no backoff: the next run tries again');
});

test('once the catalogue loads, the next run writes under its categories and nowhere else', async () => {
  delete behaviour.namespaceStatus;
  const result = await runMain(['run', '--config', config]);
  assert.equal(result.code, 0, result.stderr);
  const folder = join(posts(), '传统媒体', '新浪', '财经－国內');
  assert.equal(readdirSync(folder).length, 1);
  assert.deepEqual(readdirSync(posts()).sort(), ['Code', '传统媒体']);
  assert.ok(!existsSync(join(posts(), 'Feed of ／sina／finance／china')));
});
