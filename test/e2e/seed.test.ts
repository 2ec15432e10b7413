import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { createHexoSite, type HexoSite, postPages, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';
import { imagesOf, visibleText } from '../support/html-text.ts';

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const SEED_POST = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', 'original-post.md'), 'utf8');
const SEED_KEYS = ['title', 'categories', 'headimg', 'author', 'comments', 'date', 'thumbnail'];

function splitPost(text: string): { frontMatter: Record<string, unknown>; keys: string[]; body: string } {
  const match = /^\n?---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert.ok(match, 'post has front matter between --- lines');
  const frontMatter = yaml.load(match[1]!) as Record<string, unknown>;
  return { frontMatter, keys: Object.keys(frontMatter), body: match[2]! };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

let site: HexoSite;
let postPath: string;

before(() => {
  site = createHexoSite();
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    [
      'hexo: .',
      'feeds:',
      `  - url: ${JSON.stringify(SEED_FEED)}`,
      '    categories: [金融, 新浪财经, 新浪财经－国內]',
      '',
    ].join('\n'),
  );
});

after(() => site.remove());

test('feedmill run writes the seed item as one post in the seed format', async () => {
  const result = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /1 new/);
  const posts = listFiles(site.postsDir);
  assert.equal(posts.length, 1);
  postPath = posts[0]!;
  assert.equal(
    relative(site.postsDir, postPath).split(/[\\/]/).slice(0, 3).join('/'),
    '金融/新浪财经/新浪财经－国內',
  );

  const text = readFileSync(postPath, 'utf8');
  assert.ok(text.startsWith('---\n'), 'no blank line before the front matter');
  const ours = splitPost(text);
  const seed = splitPost(SEED_POST);
  assert.deepEqual(ours.keys.slice(0, SEED_KEYS.length), SEED_KEYS);
  assert.deepEqual(seed.keys, SEED_KEYS);
  for (const key of SEED_KEYS.filter((name) => name !== 'date')) {
    assert.deepEqual(ours.frontMatter[key], seed.frontMatter[key], `front matter ${key}`);
  }
  assert.equal(new Date(String(ours.frontMatter.date)).toISOString(), '2021-12-16T06:21:53.000Z');
  assert.equal(ours.frontMatter.disableNunjucks, true);

  // Same visible text (the seed's dead CSS aside) and the same images, each without a referrer.
  assert.equal(visibleText(ours.body), visibleText(seed.body));
  const ourImages = imagesOf(ours.body);
  assert.deepEqual(
    ourImages.map((image) => image.src),
    imagesOf(seed.body).map((image) => image.src),
  );
  for (const image of ourImages) assert.equal(image.referrerpolicy, 'no-referrer');
  assert.ok(!/<script/i.test(ours.body), 'no script');
  assert.ok(
    !/\n[ \t]*\n/.test(ours.body.trimEnd()),
    'no blank line in the body (Markdown would split the HTML block)',
  );
  assert.ok(!/\n {4}/.test(ours.body), 'no indented line (Markdown would make a code block)');
});

test('real Hexo builds the post into a page with title, categories, date and images', async () => {
  const result = await site.generate();
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const pages = postPages(site);
  assert.equal(pages.length, 1);
  const postPage = pages[0]!;
  assert.ok(
    postPage.includes(join('2021', '12', '16')),
    `the page is under 2021/12/16: ${relative(site.root, postPage)}`,
  );
  const html = readFileSync(postPage, 'utf8');
  assert.match(html, /<h1 class="post-title">中俄元首年内再度视频会晤 传递这些重要信息<\/h1>/);
  assert.match(visibleText(html), /金融 \/ 新浪财经 \/ 新浪财经－国內/);
  assert.match(html, /datetime="2021-12-16T06:21:53/);
  const seedImages = imagesOf(splitPost(SEED_POST).body).map((image) => image.src);
  const pageImages = imagesOf(html.slice(html.indexOf('class="post-body"')));
  assert.deepEqual(
    pageImages.map((image) => image.src),
    seedImages,
  );
  for (const image of pageImages) assert.equal(image.referrerpolicy, 'no-referrer');
  assert.ok(visibleText(html).includes('国家主席习近平12月15日下午在北京同俄罗斯总统普京举行视频会晤'));
});

test('a second run writes nothing', async () => {
  const before = listFiles(site.postsDir).map(
    (file) => [file, statSync(file).mtimeMs, readFileSync(file, 'utf8')] as const,
  );
  const result = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /0 new, 0 updated, 1 unchanged/);
  const afterRun = listFiles(site.postsDir).map(
    (file) => [file, statSync(file).mtimeMs, readFileSync(file, 'utf8')] as const,
  );
  assert.deepEqual(afterRun, before);
});
