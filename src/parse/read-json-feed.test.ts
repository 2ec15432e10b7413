import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from './parse-feed.ts';

const VERSION = 'https://jsonfeed.org/version/1.1';
const parse = (document: object) => parseFeed(JSON.stringify({ version: VERSION, title: 't', ...document }));

test('any field of any JSON type gives a post or a diagnostic, never a crash', () => {
  const values: unknown[] = [
    null,
    true,
    0,
    -1,
    1.5,
    '',
    ' ',
    'x',
    [],
    [null],
    [1, 'a'],
    {},
    { a: 1 },
    [{}],
    [[]],
  ];
  const feedFields = [
    'title',
    'home_page_url',
    'feed_url',
    'description',
    'icon',
    'favicon',
    'language',
    'authors',
    'author',
    'expired',
    'items',
  ];
  const itemFields = [
    'id',
    'url',
    'external_url',
    'title',
    'content_html',
    'content_text',
    'summary',
    'image',
    'banner_image',
    'date_published',
    'date_modified',
    'authors',
    'author',
    'tags',
    'language',
    'attachments',
  ];
  for (const value of values) {
    for (const field of feedFields)
      parse({ [field]: value, items: field === 'items' ? value : [{ id: 'a', title: 'a' }] });
    for (const field of itemFields) {
      const { feed, diagnostics } = parse({ items: [{ id: 'a', title: 'a', [field]: value }] });
      assert.ok(feed.items.length === 1 || diagnostics.length > 0, `${field}: ${JSON.stringify(value)}`);
      parse({ items: [{ id: 'a', title: 'a', attachments: [{ url: 'https://x/a.mp3', [field]: value }] }] });
      parse({ items: [{ id: 'a', title: 'a', authors: [{ name: 'n', [field]: value }] }] });
    }
  }
});

test('a field of the wrong type is named in a bad-field diagnostic, once per field', () => {
  const { feed, diagnostics } = parse({
    items: { not: 'an array' },
  });
  assert.equal(feed.items.length, 0);
  assert.deepEqual(diagnostics, [
    { code: 'bad-field', message: 'JSON Feed "items" is not an array; it was ignored' },
  ]);
  const items = parse({
    items: [
      { id: 'a', title: {} },
      { id: 'b', title: [] },
    ],
  });
  assert.deepEqual(
    items.diagnostics.map((diagnostic) => [diagnostic.message, diagnostic.item]),
    [['JSON Feed "items[].title" is not text; it was ignored', 'a']],
  );
});

// No clock in the assertion: a pass per entry over the others (10^9 steps per array at 50,000)
// would run far past the timeout; reading them takes well under a second.
test('huge arrays of tags, authors and attachments are read up to 100 each', { timeout: 60_000 }, () => {
  const many = Array.from({ length: 50_000 }, (_, index) => index);
  const text = JSON.stringify({
    version: VERSION,
    title: 't',
    items: [
      {
        id: 'a',
        title: 'a',
        tags: many.map((index) => `t${index}`),
        authors: many.map((index) => ({ name: `n${index}` })),
        attachments: many.map((index) => ({ url: `https://x/${index}.mp3`, mime_type: 'audio/mpeg' })),
      },
    ],
  });
  const { feed } = parseFeed(text);
  const [item] = feed.items;
  assert.equal(item!.tags!.length, 100);
  assert.equal(item!.authors!.length, 100);
  assert.equal(item!.attachments!.length, 100);
});

test('an id number past 2^53, which JSON.parse rounds, gives way to the url', () => {
  const { feed, diagnostics } = parseFeed(
    `{"version":"${VERSION}","title":"t","items":[{"id":9007199254740993,"url":"https://x/a","title":"a"},{"id":9007199254740992,"url":"https://x/b","title":"b"},{"id":42,"title":"c"}]}`,
  );
  assert.deepEqual(
    feed.items.map((item) => item.id),
    ['https://x/a', 'https://x/b', '42'],
  );
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['bad-field'],
  );
});

test('an authors field holding one author instead of an array is read as that author', () => {
  const { feed, diagnostics } = parse({
    authors: { name: 'Desk', url: 'https://example.org/desk' },
    items: [
      { id: 'a', title: 'a', authors: 'Jane' },
      { id: 'b', title: 'b' },
      { id: 'c', title: 'c', authors: 42 },
    ],
  });
  assert.deepEqual(
    feed.items.map((item) => item.authors?.map((author) => author.name)),
    [['Jane'], ['Desk'], ['Desk']],
  );
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.message),
    ['JSON Feed "items[].authors" is not an author object; it was ignored'],
  );
});

test('a language written as a locale name is read as its tag, as in XML feeds', () => {
  const { feed } = parse({
    language: ' pt_BR ',
    items: [
      { id: 'a', title: 'a', language: 'en_US' },
      { id: 'b', title: 'b', language: 'de' },
    ],
  });
  assert.equal(feed.language, 'pt-BR');
  assert.deepEqual(
    feed.items.map((item) => item.language),
    ['en-US', 'de'],
  );
});
