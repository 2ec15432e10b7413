import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { initSeedSite } from '../cli/install-site.ts';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { SKIP_BROWSER, withBrowser } from './chromium.ts';
import { serveStatic } from './serve-static.ts';

// The site `feedmill init --theme volantis` scaffolds, with Volantis as published on npm (it
// and the renderers and generators it lists are devDependencies of this repo), fed the seed
// feed and built by real Hexo 8.

const TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';
const HEAD_IMAGE =
  'https://n.sinaimg.cn/sinakd20211216s/506/w800h506/20211216/53c2-6b9902ac0b39e69a2a15e3a35505c47f.jpg';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

const work = mkdtempSync(join(tmpdir(), 'feedmill-volantis-'));
const root = join(work, 'news');
const publicDir = join(root, 'public');
let generated = { code: 1, stdout: '', stderr: '' };

before(async () => {
  await initSeedSite(work, 'scaffolded theme', { initTheme: 'volantis' });
  // As a cron job or a daemon would run it: no node_modules/.bin (so no `hexo`) on PATH.
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
  generated = await runCommand(join(root, 'node_modules', '.bin', 'hexo'), ['generate'], root, undefined, {
    ...process.env,
    PATH: path,
  });
});
after(() => rmSync(work, { recursive: true, force: true }));

const read = (...parts: string[]) => readFileSync(join(publicDir, ...parts), 'utf8');

function postPage(): string {
  const folder = join(publicDir, '2021', '12', '16');
  const page = readdirSync(folder, { recursive: true })
    .map(String)
    .find((name) => name.endsWith('index.html'));
  assert.ok(page, 'the post page was generated');
  return join('2021', '12', '16', page);
}

test('hexo generate builds the site with Volantis, without hexo-cli on PATH', () => {
  assert.equal(generated.code, 0, generated.stderr + generated.stdout);
  assert.match(generated.stdout, /Volantis \d+\.\d+\.\d+/);
  assert.doesNotMatch(generated.stdout + generated.stderr, /ERROR|Environment configuration check failed/);
});

test('the home page shows the post card with its head image and only links pages the site has', () => {
  const home = read('index.html');
  const card = home.slice(home.indexOf('class="post post-v3'));
  const has = (pattern: RegExp, what: string) => assert.ok(pattern.test(card), `the home page lacks ${what}`);
  has(
    new RegExp(`<img[^>]*class='headimg'[^>]*src='${HEAD_IMAGE.replaceAll('.', '\\.')}'`),
    'the head image',
  );
  has(new RegExp(`class="article-title"[^>]*>\\s*<a [^>]*>\\s*${TITLE}`), 'the card title');
  assert.ok(home.includes('<meta name="referrer" content="no-referrer">'), 'the referrer meta');
  assert.ok(home.includes('<p class="title">My news site</p>'), 'the cover shows the site title');
  assert.ok(
    card.includes('2021-12-16') && !card.includes('2026-'),
    'the card shows the item date, not the build date',
  );
  for (const missing of ['/wiki/', '/notebooks/', '/topic/', 'friends/', 'tags/'])
    assert.ok(!home.includes(`href="${missing}"`), `links to ${missing}, which the site does not have`);
  for (const linked of ['categories', 'archives'])
    assert.ok(existsSync(join(publicDir, linked, 'index.html')), `${linked}/ exists`);
});

test('the post page has the title, the categories, the author and every image without a referrer', () => {
  const page = read(postPage());
  assert.ok(new RegExp(`<h1 [^>]*itemprop="name headline">\\s*${TITLE}`).test(page), 'the title heading');
  assert.ok(page.includes(`class='thumbnail' src='${HEAD_IMAGE}'`), 'the thumbnail');
  assert.ok(page.includes('<meta name="referrer" content="no-referrer">'), 'the referrer meta');
  for (const category of ['金融', '新浪财经', '新浪财经－国內'])
    assert.ok(page.includes(`/categories/${encodeURI(category)}`) || page.includes(category), category);
  assert.ok(page.includes('新浪财经'), 'the author (site) is shown');
  const images = page.match(/<img id="feedmill-\d+"[^>]*>/g) ?? [];
  assert.ok(images.length >= 2, `the post body images: ${images.length}`);
  for (const image of images) assert.match(image, /referrerpolicy="no-referrer"/);
  assert.ok(existsSync(join(publicDir, 'categories', '金融', '新浪财经', '新浪财经－国內', 'index.html')));
});

test('in chromium: the home card shows its head image, the post opens, and no request carries a Referer', {
  skip: SKIP_BROWSER,
}, async () => {
  let server: Server | undefined;
  try {
    const served = await serveStatic(publicDir);
    server = served.server;
    mkdirSync(ARTIFACTS, { recursive: true });
    await withBrowser(async (context, outside) => {
      const page = await context.newPage();
      await page.goto(served.url, { waitUntil: 'load' });
      const headImage = page.locator('.post-v3 img.headimg');
      assert.equal(await headImage.count(), 1);
      // Volantis shows its page once its stylesheet loads, or at `load` when it did not.
      await page.locator('#safearea').waitFor({ state: 'visible', timeout: 10_000 });
      await page.waitForFunction(
        (img) => (img as { complete: boolean }).complete,
        await headImage.elementHandle(),
        { timeout: 10_000 },
      );
      assert.ok(
        await headImage.evaluate((img: { naturalWidth: number }) => img.naturalWidth > 0),
        'head image shown',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'volantis-home.png'), fullPage: true });
      await page.goto(new URL(encodeURI(`/${postPage().replaceAll('\\', '/')}`), served.url).href, {
        waitUntil: 'load',
      });
      await page.locator('#safearea').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await page.title(), `${TITLE} - My news site`);
      const thumbnail = page.locator('img.thumbnail');
      await page.waitForFunction(
        (img) => (img as { complete: boolean }).complete,
        await thumbnail.elementHandle(),
        {
          timeout: 10_000,
        },
      );
      assert.ok(
        await thumbnail.evaluate((img: { naturalWidth: number }) => img.naturalWidth > 0),
        'thumbnail shown',
      );
      await page.screenshot({ path: join(ARTIFACTS, 'volantis-post.png'), fullPage: true });
      const images = outside.filter((request) => /sinaimg\.cn/.test(request.url));
      assert.ok(images.length > 0, 'the feed images were requested');
      for (const request of outside)
        assert.equal(request.referer, undefined, `no Referer sent to ${request.url}`);
    });
  } finally {
    server?.close();
  }
});
