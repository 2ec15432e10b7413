import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { parseFeed } from '../../src/parse/index.ts';
import { bigRssFeed } from '../http/make-feed.ts';
import { runCommand, runFeedmill } from '../support/hexo-site.ts';
import { installSiteOffline, useSeedAndTestTheme } from './install-site.ts';

// The Hexo plugin must work as installed from npm, i.e. from dist/: this file builds feedmill
// once with tsc into the site's node_modules (about 10 s), instead of loading src/ via tsx.
const work = mkdtempSync(join(tmpdir(), 'feedmill-init-e2e-'));
const root = join(work, 'news');
const hexo = (args: string[]) => runCommand(join(root, 'node_modules', '.bin', 'hexo'), args, root);
const feedmill = (args: string[]) => runCommand(join(root, 'node_modules', '.bin', 'feedmill'), args, root);
const posts = () =>
  readdirSync(join(root, 'source', '_posts'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

before(async () => {
  const init = await runFeedmill(
    ['init', 'news', '--timezone', 'Asia/Shanghai', '--from', 'registry', '--no-lockfile'],
    work,
  );
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /npm install/);
  installSiteOffline(root);
  useSeedAndTestTheme(root);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('hexo help feedmill describes the command and its options', async () => {
  const result = await hexo(['help', 'feedmill']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /Usage: hexo feedmill <run\|status> \[options\]/);
  assert.match(result.stdout, /run\s+Fetch the feeds in feedmill\.yml/);
  assert.match(result.stdout, /--dry-run/);
});

test("hexo feedmill run writes into the site's source folder with the site's timezone", async () => {
  const result = await hexo(['feedmill', 'run']);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /sina-finance: 1 new/);
  const written = posts();
  assert.equal(written.length, 1);
  assert.ok(written[0]!.includes(join('金融', '新浪财经', '新浪财经－国內')));
  const text = readFileSync(written[0]!, 'utf8');
  const frontMatter = parse(text.split('---\n')[1]!) as { date: string };
  assert.match(String(frontMatter.date), /2021-12-16 14:21:53|2021-12-16T14:21:53\+08:00/);
});

test('the installed feedmill bin and hexo feedmill status agree with the state', async () => {
  const run = await feedmill(['run']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /0 new, 0 updated, 1 unchanged/);
  const status = await hexo(['feedmill', 'status']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^sina-finance +ok +\d{4}-\d\d-\d\dT\S+ +- +1 +-$/m);
  const unknown = await hexo(['feedmill', 'run', '--feed', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--feed nope matches no feed in the config/);
  const usage = await hexo(['feedmill']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Usage: hexo feedmill <run\|status>/);
});

test('the installed bin reuses the config it validated, and reads an edited one afresh', async () => {
  const cache = join(work, 'cache');
  const env = { ...process.env, FEEDMILL_CACHE_DIR: cache };
  const run = () => runCommand(join(root, 'node_modules', '.bin', 'feedmill'), ['run'], root, undefined, env);
  const first = await run();
  assert.equal(first.code, 0, first.stderr);
  const entries = readdirSync(join(cache, 'config'));
  assert.equal(entries.length, 1);
  // What the cache holds is what a run uses: renamed there, the feed shows the new name.
  const entry = join(cache, 'config', entries[0]!);
  const kept = JSON.parse(readFileSync(entry, 'utf8')) as { config: { feeds: { name: string }[] } };
  kept.config.feeds[0]!.name = 'named-in-the-cache';
  writeFileSync(entry, JSON.stringify(kept));
  assert.match((await run()).stdout, /named-in-the-cache: 0 new/);
  const file = join(root, 'feedmill.yml');
  writeFileSync(file, `${readFileSync(file, 'utf8')}# edited\n`);
  const edited = await run();
  assert.match(edited.stdout, /sina-finance: 0 new/);
  assert.deepEqual(readdirSync(join(cache, 'config')), entries);
});

test('hexo generate builds the post page', async () => {
  const result = await hexo(['generate', '--silent']);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const pages = readdirSync(join(root, 'public', '2021', '12', '16'), { recursive: true }).map(String);
  const page = pages.find((name) => name.endsWith('index.html'));
  assert.ok(page, pages.join(', '));
  // The plugin's site-wide referrer policy, for the images themes render without one.
  const html = readFileSync(join(root, 'public', '2021', '12', '16', page), 'utf8');
  assert.match(html, /<head>(<!--[^>]*-->)?<meta name="referrer" content="no-referrer">/);
  // The site's own feed, announced in each page: the post with its whole text, images included.
  assert.match(html, /<link rel="alternate" href="[^"]*atom\.xml"[^>]*type="application\/atom\+xml"/);
  const { feed, format } = parseFeed(readFileSync(join(root, 'public', 'atom.xml')));
  assert.equal(format, 'atom');
  assert.equal(feed.items.length, 1);
  assert.equal(feed.items[0]!.title, '中俄元首年内再度视频会晤 传递这些重要信息');
  assert.match(feed.items[0]!.content_html ?? '', /国家主席习近平12月15日下午/);
  assert.match(feed.items[0]!.content_html ?? '', /referrerpolicy="no-referrer"/);
});

test('a feed over 4 MB is read in a worker by the installed bundle and by the Hexo plugin', async () => {
  const file = join(root, 'feedmill.yml');
  const config = parseDocument(readFileSync(file, 'utf8'));
  for (const name of ['big-bin', 'big-plugin']) {
    writeFileSync(join(root, 'feeds', `${name}.xml`), bigRssFeed(5 * 1024 * 1024));
    config.addIn(['feeds'], { url: `feeds/${name}.xml`, name, categories: ['Big', name], limit: 30 });
  }
  writeFileSync(file, config.toString());
  // The bin runs dist/bundle (the worker's entry is a file of the bundle), the plugin dist/ (tsc).
  const bin = await feedmill(['run', '--feed', 'big-bin']);
  assert.equal(bin.code, 0, bin.stderr + bin.stdout);
  assert.match(bin.stdout, /big-bin: 30 new/);
  const plugin = await hexo(['feedmill', 'run', '--feed', 'big-plugin']);
  assert.equal(plugin.code, 0, plugin.stderr + plugin.stdout);
  assert.match(plugin.stdout, /big-plugin: 30 new/);
  const written = posts().filter((path) => path.includes(`${join('Big', 'big-bin')}`));
  assert.equal(written.length, 30);
  assert.match(readFileSync(written.sort()[0]!, 'utf8'), /^title: 'Big item \d+'$/m);
});
