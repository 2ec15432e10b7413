import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { installSiteOffline, useSeedAndTestTheme } from '../cli/install-site.ts';
import { REPO_ROOT, runCommand, runFeedmill } from '../support/hexo-site.ts';
import { serveStatic } from './serve-static.ts';

// The scaffolded site (feedmill init), fed the seed feed, built by real Hexo, served on
// 127.0.0.1 and opened in Debian's chromium. The real theme packages (Volantis…) are not
// installed offline, so the site uses the repo's test theme, whose home page shows each post
// as a card with its `headimg`. Image hosts are on the internet: every request that is not
// to 127.0.0.1 is answered with a local SVG, which also lets the test see the Referer sent.

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {}
  }
  return undefined;
}

const CHROMIUM = findChromium();
// Locally a missing chromium skips the check; in CI (.ci/run installs it) it is a failure.
if (!CHROMIUM && process.env.CI)
  throw new Error('CI=true but chromium is not installed: .ci/run must apt-get install chromium');
const SKIP = CHROMIUM
  ? false
  : 'chromium is not installed (apt-get install -y chromium); browser check skipped';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const PLACEHOLDER =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#4a90d9"/></svg>';

const work = mkdtempSync(join(tmpdir(), 'feedmill-browser-'));
const root = join(work, 'news');
let server: Server | undefined;
let home = '';

before(async () => {
  if (SKIP) return;
  const init = await runFeedmill(['init', 'news', '--timezone', 'Asia/Shanghai'], work);
  assert.equal(init.code, 0, init.stderr);
  installSiteOffline(root, { build: false });
  useSeedAndTestTheme(root);
  const run = await runFeedmill(['run'], root);
  assert.equal(run.code, 0, run.stderr);
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
  const profile = mkdtempSync(join(tmpdir(), 'feedmill-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM!,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const outside: Array<{ url: string; referer: string | undefined }> = [];
  try {
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        outside.push({ url: route.request().url(), referer: route.request().headers().referer });
        return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: PLACEHOLDER });
      },
    );
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
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
