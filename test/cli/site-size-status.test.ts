import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { createHexoSite, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const site = createHexoSite();
after(() => site.remove());
writeFileSync(
  join(site.root, 'feedmill.yml'),
  `feeds:\n  - url: ${JSON.stringify(SEED_FEED)}\n    name: seed\n    categories: [金融, 新浪财经]\n`,
);

/** Adds `count` item rows of a feed no longer configured: a big site's history, without its files. */
function addHistory(count: number): void {
  const store = openStore(join(site.root, '.feedmill', 'state.db'), { fsync: false });
  try {
    const feed = store.feed('https://old.example.org/feed.xml');
    const published = '2026-01-01T00:00:00.000Z';
    store.insertItems(
      feed.id,
      Array.from({ length: count }, (_unused, index) => ({
        key: `old-${index}`,
        contentHash: `hash-${index}`,
        postPath: `old/post-${index}.md`,
        firstSeen: published,
        published,
      })),
    );
  } finally {
    store.close();
  }
}

test('status estimates the next hexo generate from the post count, quietly for a small site', async () => {
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr);
  // A one-post site: no build note in the run, no warning anywhere.
  assert.doesNotMatch(run.stdout + run.stderr, /hexo generate needs|warning/);
  const status = await runFeedmill(['status'], site.root);
  assert.equal(status.code, 0, status.stderr);
  assert.match(
    status.stdout,
    /^site: 1 feedmill post\(s\); the next hexo generate needs about \d+ s of CPU and \d+ MiB of memory/m,
  );
  assert.doesNotMatch(status.stdout, /warning/);
  const json = JSON.parse((await runFeedmill(['status', '--json'], site.root)).stdout);
  assert.equal(json.site.generator, 'hexo');
  assert.equal(json.site.posts, 1);
  assert.equal(json.site.hexoBuild.posts, 1);
  assert.equal(json.site.warning, undefined);
});

test("a site near a runner's memory gets a warning with numbers and what to do", async () => {
  addHistory(14_000);
  // 14,001 posts fit the default theme's curve (feedmill-news, as the test theme is estimated)…
  const quiet = await runFeedmill(['status', '--json'], site.root);
  const estimate = JSON.parse(quiet.stdout).site;
  assert.equal(estimate.warning, undefined);
  assert.ok(estimate.hexoBuild.peakMiB < 4096, JSON.stringify(estimate));
  // …but not Volantis's, whose own curve is used for a site that names it.
  const siteYml = join(site.root, '_config.yml');
  writeFileSync(siteYml, readFileSync(siteYml, 'utf8').replace(/^theme: .*$/m, 'theme: volantis'));
  const status = await runFeedmill(['status'], site.root);
  assert.equal(status.code, 0, status.stderr);
  assert.match(
    status.stdout,
    /^site: 14,001 feedmill post\(s\); the next hexo generate needs about \d+ min of CPU and [\d.]+ GiB/m,
  );
  assert.match(
    status.stdout,
    /^warning: the site holds 14,001 feedmill posts: the next hexo generate needs about [\d.]+ GiB of memory .*(close to|beyond) the 7\.0 GiB of a GitHub-hosted runner\. Keep fewer posts .*keep: \{ max_items_per_feed: …, max_age_days: … \}.*generator: hugo/m,
  );
  const json = JSON.parse((await runFeedmill(['status', '--json'], site.root)).stdout);
  assert.equal(json.site.posts, 14_001);
  assert.match(json.site.warning, /GitHub-hosted runner/);
  // The run says the same: the estimate on stdout, the warning on stderr.
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^site: 14,001 feedmill post\(s\); the next hexo generate needs about/m);
  assert.match(run.stderr, /^warning: the site holds 14,001 feedmill posts: .*generator: hugo/m);
});
