import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { createHexoSite, type HexoSite, postPages, runFeedmill } from '../support/hexo-site.ts';
import { visibleText } from '../support/html-text.ts';

// The feedmill.yml post options, end to end: remove rules, kept <style>, image key
// presets and lists, default image, optional keys, Markdown bodies, category slug warnings.

let site: HexoSite;

const jsonFeed = (items: object[]) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Options', items });

function posts(): Map<string, { keys: string[]; data: Record<string, unknown>; body: string }> {
  const found = new Map<string, { keys: string[]; data: Record<string, unknown>; body: string }>();
  for (const entry of readdirSync(site.postsDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    const end = text.indexOf('\n---\n', 4);
    const data = yaml.load(text.slice(4, end)) as Record<string, unknown>;
    found.set(String(data.title), { keys: Object.keys(data), data, body: text.slice(end + 5) });
  }
  return found;
}

before(() => {
  site = createHexoSite();
  writeFileSync(
    join(site.root, 'cpp.json'),
    jsonFeed([
      {
        id: '1',
        url: 'https://news.example/a/1.html',
        title: 'Styled',
        date_published: '2024-01-02T03:04:05Z',
        date_modified: '2024-01-03T03:04:05Z',
        tags: ['c++', 'yes', '<b>x</b>'],
        content_html:
          '<style>.hot { color: red; }</style><p class="hot">hot</p><img src="/pic.jpg"><div class="appendQr_wrap">QR</div><p class="article-editor">编辑</p>',
      },
      { id: '2', title: 'No image', date_published: '2024-01-02T03:05:05Z', content_html: '<p>plain</p>' },
    ]),
  );
  writeFileSync(
    join(site.root, 'csharp.json'),
    jsonFeed([
      {
        id: '3',
        title: 'Markdown body',
        date_published: '2024-01-02T03:06:05Z',
        content_html: '<p><strong>bold</strong> and {{ braces }}</p><img src="https://img.example/x.jpg">',
      },
    ]),
  );
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    [
      'hexo: .',
      'image_keys: butterfly',
      "remove: ['.appendQr_wrap']",
      'optional_keys: [link, tags, updated]',
      'feeds:',
      '  - url: cpp.json',
      '    categories: [Programming, C++]',
      "    remove: ['.article-editor']",
      '    keep_style: true',
      '    default_image: https://img.example/default.jpg',
      '  - url: csharp.json',
      '    categories: [Programming, C#]',
      '    body: markdown',
      '    image_keys: [cover]',
      '',
    ].join('\n'),
  );
});

after(() => site.remove());

test('options shape the posts, and C++/C# slugs are reported', async () => {
  const run = await runFeedmill(['run', '--config', 'feedmill.yml', '--json'], site.root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const report = JSON.parse(run.stdout) as { feeds: Array<{ diagnostics?: Array<{ code: string }> }> };
  for (const feed of report.feeds) {
    assert.ok(feed.diagnostics?.some((diagnostic) => diagnostic.code === 'category-slug-collision'));
  }

  const all = posts();
  const styled = all.get('Styled')!;
  assert.deepEqual(styled.keys, [
    'title',
    'categories',
    'cover',
    'author',
    'comments',
    'date',
    'top_img',
    'disableNunjucks',
    'link',
    'tags',
    'updated',
    // Last: the post's identity, so a lost state database can be rebuilt from the posts.
    'feedmill',
  ]);
  assert.equal(styled.data.cover, 'https://news.example/pic.jpg');
  // JSON Feed tags are plain text (JSON Feed 1.1): the markup is text, its brackets full-width.
  assert.deepEqual(styled.data.tags, ['c++', 'yes', '\uff1cb\uff1ex\uff1c/b\uff1e']);
  assert.equal(styled.data.link, 'https://news.example/a/1.html');
  assert.match(styled.body, /<style>\.hot \{ color: red; \}<\/style>/);
  assert.doesNotMatch(styled.body, /QR|编辑/);

  assert.equal(all.get('No image')!.data.cover, 'https://img.example/default.jpg');
  assert.equal(all.get('No image')!.data.top_img, 'https://img.example/default.jpg');

  const markdown = all.get('Markdown body')!;
  assert.deepEqual(markdown.keys.slice(0, 3), ['title', 'categories', 'cover']);
  assert.ok(!markdown.keys.includes('top_img') && !markdown.keys.includes('headimg'));
  assert.match(markdown.body, /\*\*bold\*\* and &#123;&#123; braces &#125;&#125;/);
  assert.match(markdown.body, /<img src="https:\/\/img\.example\/x\.jpg" referrerpolicy="no-referrer"/);

  const generate = await site.generate();
  assert.equal(generate.code, 0, generate.stderr + generate.stdout);
  const pages = postPages(site).map((file) => readFileSync(file, 'utf8'));
  assert.equal(pages.length, 3);
  const styledPage = pages.find((page) => page.includes('class="hot"'));
  assert.ok(styledPage?.includes('<style>.hot { color: red; }</style>'), 'kept CSS has real braces');
  const markdownPage = pages.find((page) => page.includes('Markdown body'));
  assert.ok(markdownPage?.includes('<strong>bold</strong>'));
  assert.match(visibleText(markdownPage ?? ''), /bold and \{\{ braces \}\}/);
  assert.ok(markdownPage?.includes('referrerpolicy="no-referrer"'));
});

test('an unknown image key preset or an invalid selector is a config error (exit 2)', async () => {
  writeFileSync(join(site.root, 'bad.yml'), 'hexo: .\nimage_keys: nosuchtheme\nfeeds:\n  - url: cpp.json\n');
  const preset = await runFeedmill(['run', '--config', 'bad.yml'], site.root);
  assert.equal(preset.code, 2);
  assert.match(preset.stderr, /image_keys/);
  writeFileSync(join(site.root, 'bad.yml'), "hexo: .\nfeeds:\n  - url: cpp.json\n    remove: ['div[']\n");
  const selector = await runFeedmill(['run', '--config', 'bad.yml'], site.root);
  assert.equal(selector.code, 2);
  assert.match(selector.stderr, /selector/);
});
