import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { initSeedSite } from '../cli/install-site.ts';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { imagesOf, visibleText } from '../support/html-text.ts';
import { SKIP_BROWSER, withBrowser } from './chromium.ts';
import { serveStatic } from './serve-static.ts';

// The Hexo site of `feedmill init` with its default theme, the built-in feedmill-news, fed the
// seed and a feed of five illustrated items (one of them with hostile text), built by real
// Hexo 8 (three posts a page): the seed's post page has its title, date, categories, images
// without a referrer and the item's text; in Debian's chromium covers show, pages paginate,
// dark mode follows the system, and only images are requested from other hosts, without a Referer.

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const SEED_POST = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', 'original-post.md'), 'utf8');
const SEED_TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';
/** Text that a template engine or an HTML parser would read as its own, if it were not escaped. */
const HOSTILE = `Tom & "Jerry" <%= 7*7 %> {{ 7*7 }} \${7*7} &lt;b&gt;`;

describe('the feedmill-news Hexo theme, the default of feedmill init', () => {
  const work = mkdtempSync(join(tmpdir(), 'feedmill-hexo-news-'));
  let root = '';
  let built = { code: 1, stdout: '', stderr: '' };

  before(async () => {
    const feed = join(work, 'gadgets.json');
    writeFileSync(
      feed,
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Gadgets',
        items: [1, 2, 3, 4, 5].map((n) => ({
          id: `gadget-${n}`,
          url: `https://gadgets.example/${n}`,
          title: n === 4 ? HOSTILE : `Gadget number ${n}`,
          ...(n === 4 ? { authors: [{ name: HOSTILE }] } : {}),
          content_html: `<p><img src="https://img.gadgets.example/${n}.jpg"></p><p>Review of gadget ${n} {{ n }} &amp; &lt;more&gt;.</p>`,
          date_published: new Date(Date.UTC(2024, 0, n)).toISOString(),
        })),
      }),
    );
    root = await initSeedSite(work, 'scaffolded theme', {
      extraFeeds: [{ url: feed, name: 'gadgets', categories: ['Tech', HOSTILE] }],
    });
    const siteYml = join(root, '_config.yml');
    const site = parseDocument(readFileSync(siteYml, 'utf8'));
    site.setIn(['index_generator', 'per_page'], 3);
    site.setIn(['category_generator', 'per_page'], 3);
    writeFileSync(siteYml, site.toString());
    built = await runCommand(join(root, 'node_modules', '.bin', 'hexo'), ['generate'], root);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  const publicFile = (...parts: string[]) => readFileSync(join(root, 'public', ...parts), 'utf8');
  /** The post page of the one post of that day (the permalink is :year/:month/:day/:hash/). */
  const postPage = (...day: string[]) => {
    const folder = join(root, 'public', ...day);
    const page = readdirSync(folder, { recursive: true })
      .map(String)
      .find((name) => name.endsWith('index.html'));
    assert.ok(page, `a post page under ${day.join('/')}`);
    return publicFile(...day, page);
  };

  test('hexo generate builds it with the built-in theme', () => {
    assert.equal(built.code, 0, built.stderr + built.stdout);
    assert.doesNotMatch(built.stdout + built.stderr, /\bERROR\b|\bWARN\b/);
    // The stylesheet shared with the Hugo theme, and the Hexo theme's own additions.
    assert.match(publicFile('feedmill-news.css'), /prefers-color-scheme: dark/);
    assert.match(publicFile('feedmill-news-hexo.css'), /\.terms-list/);
  });

  test("the seed's post page: title, date, categories, no-referrer images, the item's text", () => {
    const html = postPage('2021', '12', '16');
    assert.ok(html.includes(`<h1 class="post-title">${SEED_TITLE}</h1>`), 'the title');
    assert.match(html, /<title>中俄元首年内再度视频会晤 传递这些重要信息 · My news site<\/title>/);
    assert.ok(html.includes('datetime="2021-12-16T06:21:53.000Z">2021-12-16 14:21</time>'), 'the date');
    const meta = html.slice(html.indexOf('<div class="post-meta">'), html.indexOf('<div class="post-body">'));
    assert.ok(visibleText(meta).includes('金融 / 新浪财经 / 新浪财经－国內'), 'the categories');
    assert.ok(visibleText(meta).includes('新浪财经'), 'the author');
    assert.match(meta, /href="\/categories\/%E9%87%91%E8%9E%8D\/"/);
    for (const image of imagesOf(html)) assert.equal(image.referrerpolicy, 'no-referrer', image.src);
    const seedBody = SEED_POST.slice(SEED_POST.indexOf('---', 4) + 3);
    const start = html.indexOf('<div class="post-body">') + '<div class="post-body">'.length;
    const body = html.slice(start, html.indexOf('</article>', start));
    assert.deepEqual(
      imagesOf(body).map((image) => image.src),
      imagesOf(seedBody).map((image) => image.src),
    );
    assert.equal(visibleText(body), visibleText(seedBody));
  });

  test('feed text reaches the pages as text: escaped, never run as a template', () => {
    const post = postPage('2024', '01', '04');
    const title = post.slice(post.indexOf('<h1 class="post-title">'), post.indexOf('</h1>') + 5);
    // feedmill writes `<` `>` of one-line text in their full-width forms (the category), and
    // quotes in titles and authors as typographic ones; the rest is escaped here.
    const shown = HOSTILE.replaceAll('<', '\uff1c').replaceAll('>', '\uff1e');
    const shownTitle = shown.replace('"Jerry"', '\u201cJerry\u201d');
    assert.equal(visibleText(title), shownTitle);
    assert.ok(post.includes('Tom &amp; &#34;Jerry&#34;'), 'quotes and ampersands escaped');
    const meta = post.slice(post.indexOf('<div class="post-meta">'), post.indexOf('<div class="post-body">'));
    assert.ok(visibleText(meta).includes(shownTitle), 'the author as text');
    assert.ok(visibleText(meta).includes(shown), 'the category as text');
    for (const page of [post, publicFile('index.html'), publicFile('categories', 'index.html')])
      assert.ok(!/\b49\b/.test(visibleText(page)), 'no template ran');
  });

  test('home, category and post pages in chromium: covers, pagination, no referrer, dark mode', {
    skip: SKIP_BROWSER,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const served: { server: Server; url: string } = await serveStatic(join(root, 'public'));
    const home = served.url;
    try {
      await withBrowser(async (context, outside) => {
        const page = await context.newPage();
        await page.setViewportSize({ width: 1280, height: 900 });
        const failed: string[] = [];
        page.on('requestfailed', (request) => {
          if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(request.url());
        });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const coversShown = () =>
          page.locator('.card-cover img').evaluateAll((images) =>
            images.map((image) => {
              const img = image as unknown as {
                complete: boolean;
                naturalWidth: number;
                getBoundingClientRect(): { height: number };
              };
              return img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0;
            }),
          );

        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(home, { waitUntil: 'load' });
        assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
        const cards = page.locator('article.card');
        assert.equal(await cards.count(), 3, 'three posts a page');
        assert.deepEqual(await coversShown(), [true, true, true], 'every cover shown');
        assert.equal(await page.locator('nav.pagination a.next').count(), 1, 'a link to older posts');
        // The summary is the post's text as a reader sees it: references decoded once, never markup.
        assert.equal(
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          await cards.first().locator('.card-summary').innerText(),
          'Review of gadget 5 {{ n }} & <more>.',
        );
        await page.screenshot({ path: join(ARTIFACTS, 'hexo-news-home.png'), fullPage: true });
        const light = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
        await page.emulateMedia({ colorScheme: 'dark' });
        const dark = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
        const channels = (color: string) => (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
        assert.ok(
          channels(dark).every((value) => value < 60),
          `a dark background: ${dark}`,
        );
        assert.ok(
          channels(light).every((value) => value > 200),
          `a light background: ${light}`,
        );
        await page.screenshot({ path: join(ARTIFACTS, 'hexo-news-home-dark.png'), fullPage: true });
        await page.emulateMedia({ colorScheme: 'light' });

        await page.locator('nav.pagination a.next').click();
        await page.waitForLoadState('load');
        assert.match(page.url(), /\/page\/2\/$/);
        assert.equal(await page.locator('article.card').count(), 3);

        await page.goto(new URL('categories/Tech/', home).href, { waitUntil: 'load' });
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        assert.equal(await page.locator('h1.list-title').innerText(), 'Tech');
        assert.equal(await page.locator('article.card').count(), 3);
        assert.deepEqual(await coversShown(), [true, true, true]);
        await page.screenshot({ path: join(ARTIFACTS, 'hexo-news-category.png'), fullPage: true });

        await page.goto(new URL('categories/', home).href, { waitUntil: 'load' });
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        const list = await page.locator('main').innerText();
        assert.ok(list.includes('金融') && list.includes('Tech'), list);

        await page.goto(new URL('page/2/', home).href, { waitUntil: 'load' });
        await page.locator('a.card-title', { hasText: SEED_TITLE }).click();
        await page.waitForLoadState('load');
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        assert.equal(await page.locator('h1.post-title').innerText(), SEED_TITLE);
        const images = page.locator('.post-body img');
        assert.ok((await images.count()) >= 5, 'the post has its images');
        for (let index = 0; index < (await images.count()); index++) {
          const image = images.nth(index);
          await image.scrollIntoViewIfNeeded();
          await page.waitForFunction(
            (img) => (img as { complete: boolean }).complete,
            await image.elementHandle(),
          );
          assert.ok(
            await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
            `image ${index} shown`,
          );
        }
        await page.screenshot({ path: join(ARTIFACTS, 'hexo-news-post.png'), fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: join(ARTIFACTS, 'hexo-news-post-dark.png'), fullPage: true });

        assert.deepEqual(failed, [], 'no request failed');
        assert.deepEqual(errors, [], 'no script error');
        assert.ok(outside.length > 0, 'the images come from their hosts');
        for (const request of outside) {
          assert.match(
            request.url,
            /\.(?:jpe?g|png|gif|webp)(?:$|\?)/i,
            `only images from other hosts: ${request.url}`,
          );
          assert.equal(request.referer, undefined, `no Referer sent to ${request.url}`);
        }
      });
    } finally {
      served.server.close();
    }
  });
});
