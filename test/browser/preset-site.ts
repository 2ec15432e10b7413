import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { installSiteOffline } from '../cli/install-site.ts';
import { type CommandResult, runCommand, runFeedmill } from '../support/hexo-site.ts';

/** The feed's author as feedmill.yml sets it: any text, markup and quotes included. */
export const CONFIGURED_AUTHOR = `Zoë O'Brien & <Wire> "Desk"`;
/** The author as written into the post: `<` `>` in full-width forms, quotes typographic. */
export const POST_AUTHOR = `Zoë O\u2019Brien & \uff1cWire\uff1e \u201cDesk\u201d`;
/**
 * The item's title in the feed: quotes that would end an attribute value a theme prints the
 * title into, with a `data-probe` attribute after them (double- and single-quoted forms).
 */
export const FEED_TITLE = `Harbour reopens after the "storm" data-probe="t' data-probe='t`;
/** The title the post shows: quotes typographic. */
export const POST_TITLE =
  'Harbour reopens after the \u201cstorm\u201d data-probe=\u201dt\u2019 data-probe=\u2019t';
/** `title` in the scaffolded _config.yml. */
export const SITE_TITLE = 'My news site';

/** A scaffolded, fed and generated site of one theme preset. */
export interface PresetSite {
  root: string;
  publicDir: string;
  generated: CommandResult;
  /** The post page, relative to public/ (with `/` separators). */
  postPage: string;
}

/** One item whose only image (so the post's cover) is `coverUrl`, with a feed-level author. */
function feedXml(coverUrl: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel><title>Local wire</title><link>http://127.0.0.1/</link><description>Local news</description>
<item><title>${FEED_TITLE}</title><link>http://127.0.0.1/harbour</link><guid>harbour-1</guid>
<pubDate>Wed, 15 Dec 2021 08:00:00 GMT</pubDate>
<description><![CDATA[<p><img src="${coverUrl}" alt="The harbour"></p><p>The harbour reopened on Wednesday morning after three days of closure.</p><p>Ships queued outside.</p>]]></description>
</item></channel></rss>
`;
}

/**
 * `feedmill init news --theme <theme>` in `work`, installed offline (the theme and its
 * renderers are devDependencies of this repo), fed one item whose cover is `coverUrl` and
 * whose author is CONFIGURED_AUTHOR, run once and built by real `hexo generate`.
 */
export async function buildPresetSite(work: string, theme: string, coverUrl: string): Promise<PresetSite> {
  mkdirSync(work, { recursive: true });
  const root = join(work, 'news');
  const init = await runFeedmill(
    ['init', 'news', '--theme', theme, '--timezone', 'UTC', '--from', 'registry', '--no-lockfile'],
    work,
  );
  assert.equal(init.code, 0, init.stderr);
  installSiteOffline(root, { build: false });
  mkdirSync(join(root, 'feeds'));
  writeFileSync(join(root, 'feeds', 'local-wire.xml'), feedXml(coverUrl));
  const configFile = join(root, 'feedmill.yml');
  const config = parseDocument(readFileSync(configFile, 'utf8'));
  config.setIn(['feeds', 0, 'url'], 'feeds/local-wire.xml');
  config.setIn(['feeds', 0, 'name'], 'local-wire');
  config.setIn(['feeds', 0, 'categories'], config.createNode(['News', 'Local wire']));
  config.setIn(['feeds', 0, 'author'], CONFIGURED_AUTHOR);
  writeFileSync(configFile, config.toString());
  const run = await runFeedmill(['run'], root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const generated = await runCommand(join(root, 'node_modules', '.bin', 'hexo'), ['generate'], root);
  const publicDir = join(root, 'public');
  const postPage = readdirSync(join(publicDir, '2021'), { recursive: true })
    .map((name) => `2021/${String(name).replaceAll('\\', '/')}`)
    // The scaffold's permalink is :year/:month/:day/:hash/, so the post is the one page four
    // folders down (2021/12/15/<hash>/index.html); the shallower ones are date archives.
    .find((name) => name.endsWith('/index.html') && name.split('/').length === 5);
  return { root, publicDir, generated, postPage: postPage ?? '' };
}
