import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import yaml from 'js-yaml';
import { REPO_ROOT, runCommand, runFeedmill } from '../support/hexo-site.ts';
import { imagesOf, visibleText } from '../support/html-text.ts';
import {
  createHugoSite,
  HUGO_LATEST,
  HUGO_MISSING,
  type HugoSite,
  hugoPostPages,
} from '../support/hugo-site.ts';

// The seed item written for a Hugo site (found by its hugo.yaml, no generator: in the config)
// and built by the real Hugo: the page shows the seed's title, date, categories, images and text.

const SEED_FEED = join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml');
const SEED_POST = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'seed', 'original-post.md'), 'utf8');
const SEED_TITLE = '中俄元首年内再度视频会晤 传递这些重要信息';

function splitPost(text: string): { frontMatter: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert.ok(match, 'post has front matter between --- lines');
  return { frontMatter: yaml.load(match[1]!) as Record<string, unknown>, body: match[2]! };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the seed item on a Hugo site', { skip: HUGO_MISSING }, () => {
  let site: HugoSite;
  let postPath: string;

  before(() => {
    site = createHugoSite({ timeZone: 'Asia/Shanghai' });
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

  test('feedmill run writes one HTML content file under content/posts', async () => {
    const result = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 new/);
    assert.doesNotMatch(result.stderr, /warning/, 'the site lets Hugo read HTML content');
    const posts = listFiles(site.postsDir);
    assert.equal(posts.length, 1);
    postPath = posts[0]!;
    assert.equal(
      relative(site.postsDir, postPath),
      `金融/新浪财经/新浪财经国內/${SEED_TITLE.replace(' ', '-')}.html`,
    );
    const { frontMatter, body } = splitPost(readFileSync(postPath, 'utf8'));
    const seed = splitPost(SEED_POST.replace(/^\n/, ''));
    assert.deepEqual(Object.keys(frontMatter), [
      'title',
      'date',
      'categories',
      'author',
      'images',
      'cover',
      'draft',
      'feedmill',
    ]);
    assert.equal(frontMatter.title, seed.frontMatter.title);
    assert.deepEqual(frontMatter.categories, seed.frontMatter.categories);
    assert.equal(frontMatter.author, seed.frontMatter.author);
    assert.deepEqual(frontMatter.images, [seed.frontMatter.headimg]);
    assert.deepEqual(frontMatter.cover, { image: seed.frontMatter.headimg });
    assert.equal(frontMatter.draft, false);
    // RFC 3339 with the site's offset, the same instant as the seed's.
    assert.equal(frontMatter.date, '2021-12-16T14:21:53+08:00');
    assert.match(String(frontMatter.feedmill), /^[0-9a-f]{16}\/[0-9a-f]{16}$/);
    assert.equal(visibleText(body), visibleText(seed.body));
    for (const image of imagesOf(body)) assert.equal(image.referrerpolicy, 'no-referrer');
  });

  test('real Hugo builds the page with title, categories, date, images and the seed text', async () => {
    const result = await site.build();
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const pages = hugoPostPages(site);
    assert.equal(pages.length, 1);
    const html = readFileSync(pages[0]!, 'utf8');
    assert.ok(html.includes(`<h1 class="post-title">${SEED_TITLE}</h1>`), 'the title');
    assert.ok(visibleText(html).includes('金融 / 新浪财经 / 新浪财经－国內'), 'the categories');
    // (Hugo writes `+` in attributes as &#43;.)
    assert.ok(/datetime="2021-12-16T14:21:53(?:\+|&#43;)08:00"/.test(html), 'the date with its offset');
    const body = html.slice(html.indexOf('class="post-body"'));
    const seedBody = splitPost(SEED_POST.replace(/^\n/, '')).body;
    assert.deepEqual(
      imagesOf(body).map((image) => image.src),
      imagesOf(seedBody).map((image) => image.src),
    );
    for (const image of imagesOf(html)) assert.equal(image.referrerpolicy, 'no-referrer');
    assert.equal(
      visibleText(body.slice(body.indexOf('>') + 1, body.lastIndexOf('</article>'))),
      visibleText(seedBody),
    );
  });

  test('a second run writes nothing; a lost state is rebuilt from the posts without duplicates', async () => {
    const before = listFiles(site.postsDir).map((file) => [file, statSync(file).mtimeMs] as const);
    const again = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 new, 0 updated, 1 unchanged/);
    rmSync(join(site.root, '.feedmill'), { recursive: true, force: true });
    const adopted = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
    assert.equal(adopted.code, 0, adopted.stderr);
    assert.match(adopted.stdout + adopted.stderr, /adopted 1 post/);
    assert.match(adopted.stdout, /0 new, 0 updated, 1 unchanged/);
    assert.deepEqual(
      listFiles(site.postsDir).map((file) => [file, statSync(file).mtimeMs] as const),
      before,
    );
  });

  test('a site whose config keeps newer Hugo from reading HTML content gets a warning naming the fix', async () => {
    const config = join(site.root, 'hugo.yaml');
    const allowing = readFileSync(config, 'utf8');
    writeFileSync(config, allowing.replace(/^security:.*\n/m, ''));
    try {
      const result = await runFeedmill(['run', '--config', 'feedmill.yml', '--dry-run'], site.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /warning: Hugo 0\.162 and later refuse HTML content files, .* add security: \{ allowContent: \['\^text\/html\$', '\^text\/markdown\$'\] \} to hugo\.yaml/,
      );
      // And they do: the newest Hugo fails the build on the first post.
      if (HUGO_LATEST) {
        const build = await runCommand(HUGO_LATEST, [], site.root);
        assert.notEqual(build.code, 0);
        assert.match(build.stderr + build.stdout, /security\.allowContent/);
      }
    } finally {
      writeFileSync(config, allowing);
    }
  });
});
