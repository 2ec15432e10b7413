import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'parse5';
import { HOSTILE_ITEMS, type HostileItem, hostileJsonFeed } from '../hexo-matrix/hostile-items.ts';
import { REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';
import { visibleText } from '../support/html-text.ts';
import {
  createHugoSite,
  HUGO_BUILDS,
  HUGO_MISSING,
  type HugoSite,
  hugoPostPages,
} from '../support/hugo-site.ts';
import { dangers, findByClass, fold, type PageNode, textOf } from '../support/page-tree.ts';

// The hostile items of the Hexo matrix, and Hugo's own traps (shortcodes, Go templates, the
// summary divider, Markdown), written by feedmill into a Hugo site and built by the real Hugo:
// the build succeeds (an unknown shortcode would fail it), each post is a page with exactly the
// item's text, no shortcode or template ran, and nothing in a page can run or leak.

const hugoItem = (id: string, html: string, text: string): HostileItem => ({
  id,
  feedTitle: `Hugo ${id}`,
  title: `Hugo ${id}`,
  html,
  text,
});

const HUGO_ITEMS: readonly HostileItem[] = [
  hugoItem('shortcode', '<p>a {{< unknown >}} b</p>', 'a {{< unknown >}} b'),
  hugoItem(
    'builtin-shortcode',
    '<p>{{< figure src="https://evil.example/x.png" >}} and {{% param title %}}</p>',
    '{{< figure src="https://evil.example/x.png" >}} and {{% param title %}}',
  ),
  hugoItem('shortcode-comment', '<p>{{&lt;/* x */&gt;}} c</p>', '{{</* x */>}} c'),
  hugoItem(
    'go-template',
    '<p>{{ .Site.Title }} {{ os.Getenv "HOME" }}</p>',
    '{{ .Site.Title }} {{ os.Getenv "HOME" }}',
  ),
  hugoItem(
    'split-shortcode',
    '<p>{<b>{</b>&lt; x &gt;}} and {{<i>%</i> y %}}</p>',
    '{{< x >}} and {{% y %}}',
  ),
  hugoItem(
    'shortcode-attr',
    '<p title="{{< x >}}"><a href="https://example.com/?q={{%y%}}">link</a></p>',
    'link',
  ),
  hugoItem(
    'more-divider',
    '<p>first</p><!--more--><p>&lt;!--more--&gt; second</p>',
    'first <!--more--> second',
  ),
  hugoItem(
    'markdown-text',
    '<p>**not bold** _x_</p><p># not a heading</p>\n\n    not code',
    '**not bold** _x_ # not a heading not code',
  ),
  hugoItem('front-matter-fence', '<p>---</p><p>title: x</p><p>---</p>', '--- title: x ---'),
];

const ITEMS = [...HOSTILE_ITEMS, ...HUGO_ITEMS];
const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const SEED_TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';

for (const hugo of HUGO_BUILDS) describeMatrix(hugo);

function describeMatrix(hugo: (typeof HUGO_BUILDS)[number]): void {
  describe(`hostile items built by Hugo (${hugo.label})`, { skip: HUGO_MISSING }, () => {
    let feedDir: string;
    let site: HugoSite;
    const pages = new Map<string, Array<{ file: string; text: string; html: string }>>();

    before(() => {
      feedDir = mkdtempSync(join(tmpdir(), 'feedmill-hugo-matrix-'));
      writeFileSync(join(feedDir, 'feed.json'), hostileJsonFeed(ITEMS));
      site = createHugoSite({ hugo: hugo.command });
      writeFileSync(
        join(site.root, 'feedmill.yml'),
        [
          'hexo: .',
          'generator: hugo',
          'feeds:',
          `  - url: ${JSON.stringify(join(feedDir, 'feed.json'))}`,
          `    limit: ${ITEMS.length}`,
          '    categories: [Matrix, Hostile]',
          `  - url: ${JSON.stringify(SEED_FEED)}`,
          '    categories: [金融, 新浪财经, 新浪财经－国內]',
          '',
        ].join('\n'),
      );
    });

    after(() => {
      site.remove();
      rmSync(feedDir, { recursive: true, force: true });
    });

    test('feedmill writes every item and hugo builds the site', async () => {
      const run = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
      assert.equal(run.code, 0, run.stderr + run.stdout);
      const files = readdirSync(site.postsDir, { recursive: true, withFileTypes: true }).filter((entry) =>
        entry.isFile(),
      );
      assert.equal(files.length, ITEMS.length + 1);
      const postsRoot = realpathSync(site.postsDir);
      for (const entry of files) {
        const path = realpathSync(join(entry.parentPath, entry.name));
        assert.ok(path.startsWith(postsRoot + sep), `inside content/posts: ${path}`);
        assert.ok(entry.name.endsWith('.html'), entry.name);
        assert.doesNotMatch(entry.name, /^_?index\./i, 'no page bundle');
      }
      const build = await site.build();
      assert.equal(build.code, 0, build.stderr + build.stdout);
      for (const file of hugoPostPages(site)) {
        const html = readFileSync(file, 'utf8');
        const document = parse(html) as unknown as PageNode;
        const title = fold(textOf(findByClass(document, 'post-title')));
        const entry = { file, text: fold(textOf(findByClass(document, 'post-body'))), html };
        pages.set(title, [...(pages.get(title) ?? []), entry]);
      }
      assert.equal([...pages.values()].flat().length, ITEMS.length + 1, 'one page per post');
    });

    test('every item is a page with its title and exactly its text', () => {
      const unused = new Map([...pages].map(([title, list]) => [title, [...list]]));
      for (const hostile of ITEMS) {
        const candidates = unused.get(hostile.title) ?? [];
        assert.ok(
          candidates.length > 0,
          `no page titled ${JSON.stringify(hostile.title)} (item ${hostile.id})`,
        );
        const index = candidates.findIndex((page) => page.text === fold(hostile.text));
        assert.ok(
          index >= 0,
          `item ${hostile.id}: page text ${JSON.stringify(candidates.map((page) => page.text))} ≠ ${JSON.stringify(fold(hostile.text))}`,
        );
        candidates.splice(index, 1);
      }
    });

    test('the seed item is a page with the seed text', () => {
      const seedPages = pages.get(SEED_TITLE) ?? [];
      assert.equal(seedPages.length, 1);
      const original = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', 'original-post.md'), 'utf8');
      assert.equal(seedPages[0]!.text, visibleText(original.slice(original.indexOf('---', 4) + 3)));
    });

    test('no page holds a script, handler, frame, dangerous URL or a shortcode figure', () => {
      for (const list of pages.values()) {
        for (const page of list) {
          assert.deepEqual(
            dangers(parse(page.html) as unknown as PageNode),
            [],
            relative(site.root, page.file),
          );
          assert.ok(!page.html.includes('<figure'), `no shortcode ran: ${relative(site.root, page.file)}`);
        }
      }
    });
  });
}
