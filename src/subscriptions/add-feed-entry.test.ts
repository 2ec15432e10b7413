import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addFeedEntry } from './add-feed-entry.ts';

const commented = `# feedmill config for my blog
hexo: .   # the site root

rsshub:
  instances:
    - https://rsshub.example   # primary
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
`;

test('a feed is appended with every comment, quote and layout kept', () => {
  const result = addFeedEntry(commented, { url: 'rsshub:/sina/finance/china', name: '新浪 财经－国內' });
  assert.equal(result.kind, 'added');
  assert.equal(
    result.kind === 'added' && result.text,
    `${commented}  - url: rsshub:/sina/finance/china\n    name: 新浪 财经－国內\n`,
  );
});

test('flush-left lists stay flush-left', () => {
  const text = 'feeds:\n- url: https://a.example/feed   # a\n- url: https://b.example/feed\n';
  const result = addFeedEntry(text, { url: 'rsshub:/x/y' });
  assert.equal(result.kind === 'added' && result.text, `${text}- url: rsshub:/x/y\n`);
});

test('an existing route (either form) is not added twice', () => {
  assert.deepEqual(addFeedEntry(commented, { url: 'rsshub:/sina/finance' }), { kind: 'exists', index: 0 });
  assert.deepEqual(addFeedEntry('feeds:\n  - rsshub: /a/b\n', { url: 'rsshub:/a/b' }), {
    kind: 'exists',
    index: 0,
  });
});

test('a file without feeds gets a list', () => {
  const result = addFeedEntry('# empty\nhexo: site\n', { url: 'rsshub:/a/b' });
  assert.equal(result.kind === 'added' && result.text, '# empty\nhexo: site\nfeeds:\n  - url: rsshub:/a/b\n');
  assert.throws(() => addFeedEntry('feeds: 3\n', { url: 'rsshub:/a/b' }), /not a list/);
  assert.throws(() => addFeedEntry('feeds: [\n', { url: 'rsshub:/a/b' }), /not valid YAML/);
});

test('the rsshub: { route } shorthand with query parameters is the same route', () => {
  assert.deepEqual(addFeedEntry('feeds:\n  - rsshub: { route: /a/b, limit: 5 }\n', { url: 'rsshub:/a/b' }), {
    kind: 'exists',
    index: 0,
  });
});

test('an empty feeds list is filled in place: the rest of the file keeps its layout', () => {
  const text = 'hexo: .   # root\nfeeds: [] # none yet\nkeep: { max_items_per_feed: 5 }\n';
  const result = addFeedEntry(text, { url: 'rsshub:/a/b', name: 'A' });
  assert.equal(
    result.kind === 'added' && result.text,
    'hexo: .   # root\nfeeds: # none yet\n  - url: rsshub:/a/b\n    name: A\nkeep: { max_items_per_feed: 5 }\n',
  );
});
