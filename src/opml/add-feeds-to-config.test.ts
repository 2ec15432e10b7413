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

const HAND_WRITTEN = `# feedmill config for my blog
hexo: .   # the site root

rsshub:
  instances:
    - { url: "https://rsshub.example", key: K }   # primary
    - https://mirror.example/rss/
  lang: zh

# feeds, newest first
feeds:
  - url: rsshub:/sina/finance
    categories: [金融, 新浪财经, '新浪财经－国內']   # the seed
    limit: 15
  # a disabled one:
  # - url: https://old.example/feed
  - url: "https://blog.example/atom.xml"
    name: 'My blog'
  - rsshub: /github/issue/DIYgod/RSSHub
  - rsshub: { route: /zhihu/daily, filterout: 广告, limit: 5 }
# trailing note
`;

test('every byte of the existing config stays; new feeds follow the last one', () => {
  const result = addFeedsToConfig(
    HAND_WRITTEN,
    [{ url: 'https://n.example/', title: 'N', categories: ['A', 'B'] }],
    ['https://rsshub.example', 'https://mirror.example/rss/'],
    'f',
  );
  assert.equal(
    result.text,
    HAND_WRITTEN.replace(
      '# trailing note',
      '  - url: https://n.example/\n    name: N\n    categories: [A, B]\n# trailing note',
    ),
  );
});

test('a feed written in the rsshub: shorthand, with its query, on any instance, is the same feed', () => {
  const result = addFeedsToConfig(
    HAND_WRITTEN,
    [
      { url: 'https://rsshub.example/github/issue/DIYgod/RSSHub?key=K', categories: [] },
      { url: 'https://mirror.example/rss/zhihu/daily?limit=5&filterout=%E5%B9%BF%E5%91%8A', categories: [] },
      { url: 'https://rsshub.example/sina/finance', categories: [] },
      { url: 'https://mirror.example/rss/zhihu/daily', title: 'unfiltered', categories: [] },
    ],
    ['https://rsshub.example', 'https://mirror.example/rss/'],
    'f',
  );
  assert.deepEqual(
    result.skipped.map((entry) => entry.reason),
    ['already in the config', 'already in the config', 'already in the config'],
  );
  assert.deepEqual(
    result.added.map((feed) => feed.title),
    ['unfiltered'],
  );
  assert.match(result.text, /- url: rsshub:\/zhihu\/daily\n {4}name: unfiltered\n# trailing note\n$/);
});

test('a feed listed twice in the file is reported with its first folder', () => {
  const result = addFeedsToConfig(
    'feeds: []\n',
    [
      { url: 'https://x.example/rss', title: 'X', categories: ['A'] },
      { url: 'https://x.example/rss', title: 'X', categories: ['B', 'C'] },
    ],
    [],
    'f',
  );
  assert.deepEqual(result.skipped, [
    {
      feed: { url: 'https://x.example/rss', title: 'X', categories: ['B', 'C'] },
      reason: 'listed again in the file (added in A; a feed has one category path)',
    },
  ]);
});

test('empty or flow feeds lists, with comments, become block lists without touching the rest', () => {
  for (const [before, after] of [
    [
      'hexo: .  # x\nfeeds: [] # none yet\nkeep: {max_items_per_feed: 5}\n',
      'hexo: .  # x\nfeeds: # none yet\n',
    ],
    ['hexo: .  # x\nfeeds:\nkeep: {max_items_per_feed: 5}\n', 'hexo: .  # x\nfeeds:\n'],
    ['hexo: .  # x\nfeeds: ~\nkeep: {max_items_per_feed: 5}\n', 'hexo: .  # x\nfeeds:\n'],
  ] as const) {
    const result = addFeedsToConfig(before, [{ url: 'https://a.example/', categories: [] }], [], 'f');
    assert.equal(result.text, `${after}  - url: https://a.example/\nkeep: {max_items_per_feed: 5}\n`, before);
  }
});

test('a name that only repeats the address is not written; feed: addresses are web addresses', () => {
  const result = addFeedsToConfig(
    'feeds:\n',
    [
      { url: 'https://rsshub.example/x/y', title: 'rsshub:/x/y', categories: [] },
      { url: 'https://a.example/feed', title: 'https://a.example/feed', categories: [] },
      { url: 'feed://b.example/rss', title: 'B', categories: [] },
      { url: 'feed:https://c.example/atom', title: 'C', categories: [] },
    ],
    ['https://rsshub.example'],
    'f',
  );
  assert.deepEqual((parse(result.text) as { feeds: unknown[] }).feeds, [
    { url: 'rsshub:/x/y' },
    { url: 'https://a.example/feed' },
    { url: 'http://b.example/rss', name: 'B' },
    { url: 'https://c.example/atom', name: 'C' },
  ]);
});
