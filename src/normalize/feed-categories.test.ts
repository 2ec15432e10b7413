import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonFeed, Subscription } from '../model.ts';
import { feedCategories, shortTitle, siteHost } from './feed-categories.ts';

const subscription = (source: string, extra: Partial<Subscription> = {}): Subscription => ({
  name: source,
  source,
  locations: [{ kind: 'http', url: source }],
  categories: [],
  limit: 15,
  timezone: 'UTC',
  ...extra,
});
const feed = (title: string, extra: Partial<JsonFeed> = {}): JsonFeed => ({
  version: 'https://jsonfeed.org/version/1.1',
  title,
  items: [],
  ...extra,
});

test('configured categories win', () => {
  const configured = subscription('https://a.example/feed', { categories: ['Tech', 'A'] });
  assert.deepEqual(feedCategories(configured, feed('A long title')), ['Tech', 'A']);
});

test('a plain feed is filed under its site host and a short title', () => {
  const long = feed('The Example Daily: Everything That Happened Today Around The World — Example News', {
    home_page_url: 'https://www.example.com/',
  });
  assert.deepEqual(feedCategories(subscription('https://feeds.feedburner.com/x'), long), [
    'example.com',
    'The Example Daily',
  ]);
});

test('two feeds of one site part at the second level', () => {
  const home = { home_page_url: 'https://news.example.org/' };
  const a = feedCategories(subscription('https://news.example.org/tech/feed'), feed('News — Tech', home));
  const b = feedCategories(subscription('https://news.example.org/sport/feed'), feed('News — Sport', home));
  assert.equal(a[0], b[0]);
  assert.notEqual(a[1], b[1]);
  // A configured name is the second level, and a feed without a title takes a word of its path.
  assert.deepEqual(
    feedCategories(subscription('https://news.example.org/sport/feed', { name: 'Sport' }), feed('', home)),
    ['news.example.org', 'Sport'],
  );
  assert.deepEqual(feedCategories(subscription('https://news.example.org/sport/rss.xml'), feed('', home)), [
    'news.example.org',
    'sport',
  ]);
});

test('an RSSHub route the catalogue does not list keeps its title', () => {
  assert.deepEqual(feedCategories(subscription('rsshub:/x/y'), feed('Some Route Title')), [
    'Some Route Title',
  ]);
});

test('hosts are readable and titles cut at a word', () => {
  const idn = new URL('https://www.例子.公司/').href;
  assert.ok(idn.includes('xn--'));
  assert.equal(siteHost(idn), '例子.公司');
  assert.equal(siteHost('file:///tmp/feed.xml'), undefined);
  const cjk = '新浪财经－国內新闻滚动播报，每日更新的财经新闻与市场评论汇总页面以及更多内容';
  assert.equal(shortTitle(cjk), [...cjk].slice(0, 32).join(''));
  assert.equal(shortTitle('Blog | '), 'Blog');
  assert.equal(
    shortTitle('Science and Technology News From Around The World'),
    'Science and Technology News',
  );
});
