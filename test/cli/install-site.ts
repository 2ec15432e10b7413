import assert from 'node:assert/strict';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { buildPackageInto } from '../support/build-package.ts';
import { linkRepoModules, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

/**
 * Stands in for `npm install` in a scaffolded site, offline: node_modules links every package
 * of the repo's node_modules, and feedmill is installed as npm would ship it (package.json,
 * bin/, hexo/, templates/ and a dist/ built here as `npm run build` does), with its bin in node_modules/.bin;
 * with `build: false`, a link to the repository (enough for Hexo to load scripts/feedmill.js).
 */
export function installSiteOffline(siteRoot: string, options: { build: boolean } = { build: true }): void {
  const modules = join(siteRoot, 'node_modules');
  const bin = join(modules, '.bin');
  linkRepoModules(modules, { skip: ['feedmill'] });
  mkdirSync(bin);
  const repoModules = join(REPO_ROOT, 'node_modules');
  for (const name of readdirSync(join(repoModules, '.bin')))
    symlinkSync(join(repoModules, '.bin', name), join(bin, name));
  const feedmill = join(modules, 'feedmill');
  if (!options.build) {
    // Without a build, feedmill is the repository itself (its bin and plugin need dist/).
    symlinkSync(REPO_ROOT, feedmill, 'dir');
    return;
  }
  mkdirSync(feedmill);
  copyFileSync(join(REPO_ROOT, 'package.json'), join(feedmill, 'package.json'));
  for (const folder of ['bin', 'hexo', 'templates'])
    cpSync(join(REPO_ROOT, folder), join(feedmill, folder), { recursive: true });
  buildPackageInto(feedmill);
  symlinkSync(join('..', 'feedmill', 'bin', 'feedmill.js'), join(bin, 'feedmill'));
}

/**
 * Points a scaffolded site at a local copy of the seed feed (with the seed's categories) and
 * at the repo's test theme, whose plain markup the tests read (the real Volantis, a
 * devDependency, is tested in test/browser/volantis-site.test.ts).
 */
export function useSeedAndTestTheme(siteRoot: string): void {
  useSeed(siteRoot);
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'hexo-theme'), join(siteRoot, 'themes', 'feedmill-test'), {
    recursive: true,
  });
  const siteYml = join(siteRoot, '_config.yml');
  const site = parseDocument(readFileSync(siteYml, 'utf8'));
  site.set('theme', 'feedmill-test');
  writeFileSync(siteYml, site.toString());
}

/** Points a scaffolded site's first feed at a local copy of the seed feed, with the seed's categories. */
export function useSeed(siteRoot: string): void {
  mkdirSync(join(siteRoot, 'feeds'), { recursive: true });
  copyFileSync(
    join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml'),
    join(siteRoot, 'feeds', 'sina-finance.xml'),
  );
  const feedmillYml = join(siteRoot, 'feedmill.yml');
  const config = parseDocument(readFileSync(feedmillYml, 'utf8'));
  config.setIn(['feeds', 0, 'url'], 'feeds/sina-finance.xml');
  // The seed's categories (RSSHub's 2021 docs); offline there is no catalogue to fill them.
  const categories = config.createNode(['金融', '新浪财经', '新浪财经－国內']);
  categories.flow = true;
  config.setIn(['feeds', 0, 'categories'], categories);
  writeFileSync(feedmillYml, config.toString({ flowCollectionPadding: false }));
}

/**
 * `feedmill init news` (Asia/Shanghai, `--theme initTheme` if given, else the default theme) in
 * `work`, installed offline with feedmill linked from the repository, fed the seed (with the
 * repo's test theme, or the scaffolded real one) and `extraFeeds` (entries of `feeds:`), run once.
 * Returns the site's root.
 */
export async function initSeedSite(
  work: string,
  theme: 'test theme' | 'scaffolded theme',
  options: { initTheme?: string; extraFeeds?: ReadonlyArray<Record<string, unknown>> } = {},
): Promise<string> {
  const root = join(work, 'news');
  const init = await runFeedmill(
    [
      'init',
      'news',
      ...(options.initTheme ? ['--theme', options.initTheme] : []),
      '--timezone',
      'Asia/Shanghai',
      '--from',
      'registry',
      '--no-lockfile',
    ],
    work,
  );
  assert.equal(init.code, 0, init.stderr);
  installSiteOffline(root, { build: false });
  if (theme === 'test theme') useSeedAndTestTheme(root);
  else useSeed(root);
  if (options.extraFeeds?.length) {
    const feedmillYml = join(root, 'feedmill.yml');
    const config = parseDocument(readFileSync(feedmillYml, 'utf8'));
    for (const feed of options.extraFeeds) config.addIn(['feeds'], config.createNode(feed));
    writeFileSync(feedmillYml, config.toString());
  }
  const run = await runFeedmill(['run'], root);
  assert.equal(run.code, 0, run.stderr);
  return root;
}
