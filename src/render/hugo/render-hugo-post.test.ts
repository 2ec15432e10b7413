import assert from 'node:assert/strict';
import { test } from 'node:test';
import yaml from 'js-yaml';
import { sanitizeHtml } from '../../clean/index.ts';
import type { CleanItem, Subscription } from '../../model.ts';
import { DEFAULT_POST_OPTIONS } from '../hexo/render-post.ts';
import { postIdentity } from '../post-identity.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';
import { renderHugoPost } from './render-hugo-post.ts';

const item = {
  key: 'urn:x',
  title: 'yes <b>',
  url: 'https://example.com/a',
  published: new Date('2021-12-16T06:21:53Z'),
  updated: new Date('2021-12-17T00:00:00Z'),
  authors: ['Feed Author'],
  tags: ['null', 'null', 'Go'],
  body: sanitizeHtml('<p>{{< x >}}</p>', { markup: HUGO_MARKUP }).html,
  markup: 'hugo',
  headImage: 'https://img.example/a.jpg',
} as unknown as CleanItem;

const subscription: Subscription = {
  name: 'feed',
  source: 'rsshub:/x',
  locations: [],
  categories: ['2021-12-16', 'Site'],
  limit: 1,
  timezone: 'UTC',
};

function frontMatterOf(text: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match);
  return yaml.load(match[1]!) as Record<string, unknown>;
}

test('front matter in Hugo terms, every string still a string, the identity last', () => {
  const text = renderHugoPost(item, subscription, { timezone: 'Asia/Shanghai' });
  const data = frontMatterOf(text);
  assert.deepEqual(data, {
    title: 'yes ＜b＞',
    date: '2021-12-16T14:21:53+08:00',
    categories: ['2021-12-16', 'Site'],
    author: 'Feed Author',
    images: ['https://img.example/a.jpg'],
    cover: { image: 'https://img.example/a.jpg' },
    draft: false,
    feedmill: postIdentity('rsshub:/x', 'urn:x'),
  });
  assert.ok(text.endsWith('<div class="feedmill-post"><p>&#123;&#123;&lt; x &gt;&#125;&#125;</p></div>\n'));
});

test("a body cleaned in another form than Hugo's is refused", () => {
  assert.throws(
    () => renderHugoPost({ ...item, body: '<p>{{< x >}}</p>', markup: 'html' }, subscription, {}),
    /HUGO_MARKUP/,
  );
});

test('optional keys: link, tags (deduplicated) and lastmod', () => {
  const data = frontMatterOf(
    renderHugoPost(
      item,
      { ...subscription, post: { optionalKeys: ['link', 'tags', 'updated'] } as never },
      {},
    ),
  );
  assert.equal(data.link, 'https://example.com/a');
  assert.deepEqual(data.tags, ['null', 'Go']);
  assert.equal(data.lastmod, '2021-12-17T00:00:00+00:00');
  assert.equal(Object.keys(data).at(-1), 'feedmill');
});

test('no lone surrogate reaches the front matter: Hugo refuses its escape and fails the build', () => {
  const text = renderHugoPost(
    { ...item, title: 'a\ud800b \ud83d\ude00', authors: ['c\udc00'], tags: ['d\udbff'] } as CleanItem,
    { ...subscription, categories: ['e\ud800'], post: { ...DEFAULT_POST_OPTIONS, optionalKeys: ['tags'] } },
    {},
  );
  assert.doesNotMatch(text, /\\u[dD][89a-fA-F]/);
  const data = frontMatterOf(text);
  assert.equal(data.title, 'a\ufffdb \ud83d\ude00');
  assert.equal(data.author, 'c\ufffd');
  assert.deepEqual(data.tags, ['d\ufffd']);
  assert.deepEqual(data.categories, ['e\ufffd']);
});
