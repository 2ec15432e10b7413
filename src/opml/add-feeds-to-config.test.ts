import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { addFeedsToConfig } from './add-feeds-to-config.ts';

const CONFIG = `# my site's feeds
hexo: . # the site root
rsshub:
  instances: [https://rsshub.example/base]
feeds:
  # finance
  - url: rsshub:/sina/finance
    categories: [金融]
  - url: https://known.example/feed
`;

test('adds new feeds after the existing ones, keeps comments, skips duplicates', () => {
  const result = addFeedsToConfig(
    CONFIG,
    [
      { url: 'https://known.example/feed', categories: [] },
      { url: 'https://rsshub.example/base/sina/finance', title: 'dup by route', categories: [] },
      { url: 'https://new.example/rss', title: 'New', categories: ['Tech', 'Web'] },
      { url: 'https://new.example/rss', title: 'New again', categories: [] },
      { url: 'https://rsshub.example/base/github/trending/daily', title: 'GH', categories: [] },
    ],
    ['https://rsshub.example/base'],
    'feedmill.yml',
  );
  assert.deepEqual(
    result.added.map((feed) => feed.title),
    ['New', 'GH'],
  );
  assert.deepEqual(
    result.skipped.map((entry) => entry.feed.title ?? entry.feed.url),
    ['https://known.example/feed', 'dup by route', 'New again'],
  );
  assert.ok(result.text.startsWith(CONFIG.trimEnd()), 'the existing text is unchanged');
  assert.match(result.text, /# my site's feeds/);
  assert.match(result.text, /# finance/);
  assert.match(result.text, /categories: \[Tech, Web\]/);
  const feeds = (parse(result.text) as { feeds: Array<Record<string, unknown>> }).feeds;
  assert.deepEqual(feeds.slice(2), [
    { url: 'https://new.example/rss', name: 'New', categories: ['Tech', 'Web'] },
    { url: 'rsshub:/github/trending/daily', name: 'GH' },
  ]);
});

test('an empty or missing config gets a feeds list', () => {
  const result = addFeedsToConfig('', [{ url: 'https://x.example/', categories: [] }], [], 'feedmill.yml');
  assert.deepEqual(parse(result.text), { feeds: [{ url: 'https://x.example/' }] });
  const commented = addFeedsToConfig(
    '# only a comment\n',
    [{ url: 'https://x.example/', categories: [] }],
    [],
    'f',
  );
  assert.match(commented.text, /^# only a comment\n/);
  assert.deepEqual(parse(commented.text), { feeds: [{ url: 'https://x.example/' }] });
});

test('an imported name already in use gets a number', () => {
  const result = addFeedsToConfig(
    'feeds:\n  - url: https://a.example/\n    name: News\n',
    [
      { url: 'https://b.example/', title: 'News', categories: [] },
      { url: 'https://c.example/', title: 'News', categories: [] },
    ],
    [],
    'f',
  );
  const feeds = (parse(result.text) as { feeds: Array<{ name: string }> }).feeds;
  assert.deepEqual(
    feeds.map((feed) => feed.name),
    ['News', 'News (2)', 'News (3)'],
  );
});

test('only http(s) addresses are imported: no local paths or other schemes', () => {
  const result = addFeedsToConfig(
    'feeds: []\n',
    [
      '/etc/passwd',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'feeds/x.xml',
      'rsshub:/x',
      'https://ok.example/',
    ].map((url) => ({ url, categories: [] })),
    [],
    'f',
  );
  assert.deepEqual(
    result.added.map((feed) => feed.url),
    ['https://ok.example/'],
  );
  assert.ok(result.skipped.every((entry) => entry.reason === 'not an http(s) address'));
});

test('folders deeper than the config allows are cut to 8 levels', () => {
  const deep = Array.from({ length: 12 }, (_, level) => `L${level}`);
  const result = addFeedsToConfig('feeds: []\n', [{ url: 'https://d.example/', categories: deep }], [], 'f');
  const feeds = (parse(result.text) as { feeds: Array<{ categories: string[] }> }).feeds;
  assert.deepEqual(feeds[0]!.categories, deep.slice(0, 8));
});
