import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { HUGO_MISSING, initHugoSeedSite } from '../support/hugo-site.ts';
import { SKIP_BROWSER, withBrowser } from './chromium.ts';
import { serveStatic } from './serve-static.ts';

// The Hugo site of `feedmill init --generator hugo` with its feedmill-news theme, fed the seed
// and a feed of five illustrated items, built by the real Hugo (three posts a page), served on
// 127.0.0.1 and opened in Debian's chromium: covers show, pages paginate, the category and post
// pages work, dark mode follows the system, and the only requests to other hosts are the
// images, sent without a Referer (every such request is answered locally, see chromium.ts).

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const SEED_TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';

describe('the feedmill-news Hugo theme in chromium', { skip: SKIP_BROWSER || HUGO_MISSING }, () => {
  const work = mkdtempSync(join(tmpdir(), 'feedmill-hugo-browser-'));
  let server: Server | undefined;
  let home = '';

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
          title: `Gadget number ${n}`,
          content_html: `<p><img src="https://img.gadgets.example/${n}.jpg"></p><p>Review of gadget ${n} {{ n }} &amp; &lt;more&gt;.</p>`,
          date_published: new Date(Date.UTC(2024, 0, n)).toISOString(),
        })),
      }),
    );
    const root = await initHugoSeedSite(work, [
      `  - url: ${JSON.stringify(feed)}`,
      '    categories: [Tech, Gadgets]',
    ]);
    const config = join(root, 'hugo.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}pagerSize: \d+$/m, '  pagerSize: 3'));
    const build = await runCommand('hugo', [], root);
    assert.equal(build.code, 0, build.stderr + build.stdout);
    const served = await serveStatic(join(root, 'public'));
    server = served.server;
    home = served.url;
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(() => {
    server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Whether every cover image on the page has loaded with a size. */
  const coversShown = (page: Page) =>
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

  test('home, category and post pages: covers, pagination, no referrer, dark mode', async () => {
    await withBrowser(async (context, outside) => {
      const page = await context.newPage();
      const failed: string[] = [];
      // A request the browser cancels because the test navigates on (ERR_ABORTED) is not a
      // failure of the page; on a loaded machine a re-requested cover can still be in flight.
      page.on('requestfailed', (request) => {
        if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(request.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(home, { waitUntil: 'load' });
      const cards = page.locator('article.card');
      assert.equal(await cards.count(), 3, 'three posts a page');
      assert.deepEqual(await coversShown(page), [true, true, true], 'every cover shown');
      assert.equal(await page.locator('nav.pagination a.next').count(), 1, 'a link to older posts');
      // The summary is the post's text as a reader sees it: references decoded once, never markup.
      assert.equal(
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        await cards.first().locator('.card-summary').innerText(),
        'Review of gadget 5 {{ n }} & <more>.',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'hugo-home.png'), fullPage: true });
      const light = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
      assert.notEqual(dark, light, 'dark mode changes the background');
      const channels = (color: string) => (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      assert.ok(
        channels(dark).every((value) => value < 60),
        `a dark background: ${dark}`,
      );
      assert.ok(
        channels(light).every((value) => value > 200),
        `a light background: ${light}`,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'hugo-home-dark.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });

      await page.locator('nav.pagination a.next').click();
      await page.waitForLoadState('load');
      assert.match(page.url(), /\/page\/2\/$/);
      assert.equal(await page.locator('article.card').count(), 3);

      await page.goto(new URL('categories/tech/', home).href, { waitUntil: 'load' });
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
      assert.equal(await page.locator('h1.list-title').innerText(), 'Tech');
      assert.equal(await page.locator('article.card').count(), 3);
      assert.deepEqual(await coversShown(page), [true, true, true]);
      await page.screenshot({ path: join(ARTIFACTS, 'hugo-category.png'), fullPage: true });

      await page.goto(home, { waitUntil: 'load' });
      await page.goto(new URL('page/2/', home).href, { waitUntil: 'load' });
      await page.locator('a.card-title', { hasText: SEED_TITLE }).click();
      await page.waitForLoadState('load');
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
      assert.equal(await page.locator('h1.post-title').innerText(), SEED_TITLE);
      const categoryPath = page.locator('.post-categories');
      assert.equal(
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
        (await categoryPath.innerText()).trim(),
        '金融 / 新浪财经 / 新浪财经－国內',
      );
      const images = page.locator('.post-body img');
      assert.ok((await images.count()) >= 5, 'the post has its images');
      for (let index = 0; index < (await images.count()); index++) {
        const image = images.nth(index);
        assert.equal(await image.getAttribute('referrerpolicy'), 'no-referrer');
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
      await page.screenshot({ path: join(ARTIFACTS, 'hugo-post.png'), fullPage: true });

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
  });
});
