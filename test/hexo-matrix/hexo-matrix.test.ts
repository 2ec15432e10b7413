import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'parse5';
import { createHexoSite, type HexoSite, postPages, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';
import { visibleText } from '../support/html-text.ts';
import { dangers, findByClass, fold, type PageNode, textOf } from '../support/page-tree.ts';
import { HOSTILE_ITEMS, hostileJsonFeed } from './hostile-items.ts';

// Every hostile item is written by feedmill into one site per Markdown renderer and built by
// real Hexo: the build succeeds, every post is a page, its text is the item's, nothing runs.

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const SEED_TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';

let feedDir: string;

before(() => {
  feedDir = mkdtempSync(join(tmpdir(), 'feedmill-matrix-'));
  writeFileSync(join(feedDir, 'feed.json'), hostileJsonFeed(HOSTILE_ITEMS));
});

after(() => rmSync(feedDir, { recursive: true, force: true }));

// The optional Markdown body mode is built too; Markdown reflows text, so there only titles,
// the build and safety are checked. Hexo 7, which many existing blogs still run, builds the
// HTML bodies as well.
const VARIANTS = [
  { renderer: 'marked', body: 'html', hexo: 8 },
  { renderer: 'markdown-it', body: 'html', hexo: 8 },
  { renderer: 'marked', body: 'markdown', hexo: 8 },
  { renderer: 'marked', body: 'html', hexo: 7 },
] as const;

for (const { renderer, body, hexo } of VARIANTS) {
  describe(`hostile items (${body} bodies) built by Hexo ${hexo} with hexo-renderer-${renderer}`, () => {
    let site: HexoSite;
    const pages = new Map<string, Array<{ file: string; body: string; text: string; html: string }>>();

    before(async () => {
      site = createHexoSite({ renderer, hexo });
      writeFileSync(
        join(site.root, 'feedmill.yml'),
        [
          'hexo: .',
          'feeds:',
          `  - url: ${JSON.stringify(join(feedDir, 'feed.json'))}`,
          `    limit: ${HOSTILE_ITEMS.length}`,
          '    categories: [Matrix, Hostile]',
          `    body: ${body}`,
          `  - url: ${JSON.stringify(SEED_FEED)}`,
          '    categories: [金融, 新浪财经, 新浪财经－国內]',
          '',
        ].join('\n'),
      );
    });

    after(() => site.remove());

    test('feedmill writes every item and hexo generate exits 0', async () => {
      const installed = JSON.parse(
        readFileSync(join(site.root, 'node_modules', 'hexo', 'package.json'), 'utf8'),
      );
      assert.equal(
        Number(String(installed.version).split('.')[0]),
        hexo,
        'the site runs the Hexo under test',
      );
      const run = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
      assert.equal(run.code, 0, run.stderr + run.stdout);
      const files = readdirSync(site.postsDir, { recursive: true, withFileTypes: true }).filter((entry) =>
        entry.isFile(),
      );
      assert.equal(files.length, HOSTILE_ITEMS.length + 1);
      const postsRoot = realpathSync(site.postsDir);
      for (const entry of files) {
        const path = realpathSync(join(entry.parentPath, entry.name));
        assert.ok(path.startsWith(postsRoot + sep), `inside source/_posts: ${path}`);
        const relativePath = relative(postsRoot, path);
        for (const segment of relativePath.split(sep)) {
          assert.doesNotMatch(segment, /^[._]|[. ~%]$|[\\:*?"<>|\u0000-\u001f\u202e\u200b]/, relativePath);
          assert.doesNotMatch(segment, /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i, relativePath);
          assert.ok(Buffer.byteLength(segment) <= 200, relativePath);
        }
      }
      const lower = files.map((entry) => join(entry.parentPath, entry.name).toLowerCase());
      assert.equal(new Set(lower).size, lower.length, 'file names unique even case-insensitively');

      const generate = await site.generate();
      assert.equal(generate.code, 0, generate.stderr + generate.stdout);
      for (const file of postPages(site)) {
        const html = readFileSync(file, 'utf8');
        const document = parse(html) as unknown as PageNode;
        const title = fold(textOf(findByClass(document, 'post-title')));
        const bodyNode = findByClass(document, 'post-body');
        const entry = {
          file,
          body: JSON.stringify(bodyNode ? 'found' : 'missing'),
          text: fold(textOf(bodyNode)),
          html,
        };
        pages.set(title, [...(pages.get(title) ?? []), entry]);
      }
      assert.equal([...pages.values()].flat().length, HOSTILE_ITEMS.length + 1, 'one page per post');
    });

    test('every item is a page with its title and exactly its text', () => {
      const unused = new Map([...pages].map(([title, list]) => [title, [...list]]));
      for (const hostile of HOSTILE_ITEMS) {
        const candidates = unused.get(hostile.title) ?? [];
        assert.ok(
          candidates.length > 0,
          `no page titled ${JSON.stringify(hostile.title)} (item ${hostile.id})`,
        );
        const index =
          body === 'markdown' ? 0 : candidates.findIndex((page) => page.text === fold(hostile.text));
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
      const seedBody = original.slice(original.indexOf('---', 4) + 3);
      assert.equal(seedPages[0]!.text, visibleText(seedBody));
    });

    test('no page holds a script, handler, frame or dangerous URL', () => {
      for (const list of pages.values()) {
        for (const page of list) {
          assert.deepEqual(
            dangers(parse(page.html) as unknown as PageNode),
            [],
            relative(site.root, page.file),
          );
        }
      }
    });

    // (Markdown mode keeps images as HTML too; its reflowed pages are not compared here.)
    if (body === 'html')
      test('images keep no-referrer and lazy loading, pixels are gone, lazy sources promoted', () => {
        const page = pages.get('Item images')?.[0];
        assert.ok(page);
        const document = parse(page.html) as unknown as PageNode;
        const images: Array<Record<string, string>> = [];
        const collect = (node: PageNode) => {
          if (node.nodeName === 'img' && findByClass(node, 'headimg') !== node)
            images.push(
              Object.fromEntries((node.attrs ?? []).map((attribute) => [attribute.name, attribute.value])),
            );
          for (const child of node.childNodes ?? []) collect(child);
        };
        collect(findByClass(document, 'post-body')!);
        assert.deepEqual(
          images.map((image) => image.src),
          ['https://cdn.example/real.jpg', 'https://example.com/rel.png'],
        );
        for (const image of images) {
          assert.equal(image.referrerpolicy, 'no-referrer');
          assert.equal(image.loading, 'lazy');
        }
        assert.equal(images[1]!.srcset, 'https://example.com/posts/a.png 1x');
      });
  });
}
