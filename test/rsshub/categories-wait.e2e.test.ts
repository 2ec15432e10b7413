import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { type FakeRsshub, type FakeRsshubOptions, startFakeRsshub } from './fake-rsshub.ts';
import { runMain } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

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
  ({ dir, config } = siteFolder(
    'feedmill-categories-wait-',
    `hexo: site
rsshub:
  instances: [${rsshub.url}]
feeds:
  - url: rsshub:/sina/finance/china
  - rsshub: /github/issue/DIYgod/RSSHub
    name: explicit
    categories: [Code, GitHub]
`,
  ));
});
after(async () => {
  await rsshub.close();
  rmSync(dir, { recursive: true, force: true });
});

test('without a catalogue the route waits: reported failing, not fetched, nothing written', async () => {
  const summary = join(dir, 'step-summary.md');
  process.env.GITHUB_STEP_SUMMARY = summary;
  let result: Awaited<ReturnType<typeof runMain>>;
  try {
    result = await runMain(['run', '--config', config]);
  } finally {
    delete process.env.GITHUB_STEP_SUMMARY;
  }
  assert.equal(result.code, 3, result.stderr);
  // The job summary says why: the failing route first, then the catalogue warnings.
  const text = readFileSync(summary, 'utf8');
  assert.match(
    text,
    /\| rsshub:\/sina\/finance\/china \| \*\*failing\*\* \| – \| – \| `CATEGORIES_UNRESOLVED` categories of/,
  );
  assert.match(text, /^- no route catalogue from http:\/\/127\.0\.0\.1:\d+\/: HTTP 503/m);
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

test('categories that change later: old posts stay in place (rewritten), new ones go to the new folder', async () => {
  const old = join(posts(), '传统媒体', '新浪', '财经－国內');
  const [first] = readdirSync(old);
  // The user gives the route its own categories; the feed keeps its item and adds one.
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace(
      '  - url: rsshub:/sina/finance/china\n',
      '  - url: rsshub:/sina/finance/china\n    categories: [Finance, Sina]\n',
    ),
  );
  const item = (n: number) =>
    `<item><title>Item ${n}</title><link>https://example.com/${n}</link>` +
    `<guid isPermaLink="false">/sina/finance/china#${n}</guid>` +
    `<pubDate>Thu, 16 Dec 2021 0${n}:00:00 GMT</pubDate><description>body ${n}</description></item>`;
  behaviour.feeds = {
    '/sina/finance/china': `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>${item(1)}${item(2)}</channel></rss>`,
  };
  const result = await runMain(['run', '--config', config]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(readdirSync(old), [first], 'the old post stays, under its old name');
  const frontMatter = yaml.load(readFileSync(join(old, first!), 'utf8').split('---\n')[1]!) as {
    categories: string[];
  };
  assert.deepEqual(frontMatter.categories, ['Finance', 'Sina'], 'rewritten in place with the new categories');
  const moved = join(posts(), 'Finance', 'Sina');
  assert.deepEqual(readdirSync(moved), ['Item-2.md'], 'only the new item goes to the new folder');
});
