import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { initSeedSite } from '../cli/install-site.ts';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { SKIP_BROWSER as SKIP, withBrowser } from './chromium.ts';
import { serveStatic } from './serve-static.ts';

// The scaffolded site (feedmill init), fed the seed feed, built by real Hexo, served on
// 127.0.0.1 and opened in Debian's chromium, with the repo's test theme: its plain markup
// shows each post as a card with its `headimg`, and its images load without a lazy-loading
// script, so each can be checked (volantis-site.test.ts builds the real Volantis). Image hosts
// are on the internet: requests that are not to 127.0.0.1 are answered locally and recorded
// with the Referer they carried.

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

const work = mkdtempSync(join(tmpdir(), 'feedmill-browser-'));
const root = join(work, 'news');
let server: Server | undefined;
let home = '';

before(async () => {
  if (SKIP) return;
  await initSeedSite(work, 'test theme');
  const generate = await runCommand(
    join(root, 'node_modules', '.bin', 'hexo'),
    ['generate', '--silent'],
    root,
  );
  assert.equal(generate.code, 0, generate.stderr + generate.stdout);
  const served = await serveStatic(join(root, 'public'));
  server = served.server;
  home = served.url;
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(() => {
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('home shows the post card with its head image; the post page shows title, images, categories', {
  skip: SKIP,
}, async () => {
  await withBrowser(async (context, outside) => {
    const page = await context.newPage();
    await page.goto(home, { waitUntil: 'load' });
    const card = page.locator('article.card');
    assert.equal(await card.count(), 1);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
    assert.equal(await card.locator('.card-title').innerText(), '中俄元首年内再度视频会晤 传递这些重要信息');
    const headImage = card.locator('img.headimg');
    assert.match((await headImage.getAttribute('src')) ?? '', /^https?:\/\/\S+/);
    assert.ok(
      await headImage.evaluate(
        (img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0,
      ),
      'head image shown',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'browser-home.png'), fullPage: true });

    await card.locator('.card-title').click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /\/2021\/12\/16\//);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
    const title = await page.locator('h1.post-title').innerText();
    assert.equal(title, '中俄元首年内再度视频会晤 传递这些重要信息');
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
    const categoryPath = await page.locator('.post-categories').innerText();
    assert.equal(categoryPath.trim(), '金融 / 新浪财经 / 新浪财经－国內');
    const images = page.locator('.post-body img');
    const count = await images.count();
    assert.ok(count >= 1, 'the post has images');
    for (let index = 0; index < count; index++) {
      const image = images.nth(index);
      await image.scrollIntoViewIfNeeded();
      assert.equal(await image.getAttribute('referrerpolicy'), 'no-referrer');
      await page.waitForFunction(
        (img) => (img as { complete: boolean }).complete,
        await image.elementHandle(),
      );
      assert.ok(
        await image.evaluate((img: { complete: boolean; naturalWidth: number }) => img.naturalWidth > 0),
        `image ${index} shown`,
      );
    }
    await page.screenshot({ path: join(ARTIFACTS, 'browser-post.png'), fullPage: true });
    assert.ok(outside.length > 0);
    for (const request of outside)
      assert.equal(request.referer, undefined, `no Referer sent to ${request.url}`);
  });
});
