import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { parseFeed } from './parse-feed.ts';

const rss = (items: string): string =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><link>https://example.com/</link>${items}</channel></rss>`;

// No clock in the assertion: a pass per author or enclosure over the others (1.25·10^9 steps
// each at 50,000) would run far past the timeout; reading them takes well under a second.
test('tens of thousands of authors and enclosures in one item stay bounded', { timeout: 60_000 }, () => {
  const creators = Array.from({ length: 50_000 }, (_, index) => `<dc:creator>a${index}</dc:creator>`).join(
    '',
  );
  const enclosures = Array.from(
    { length: 50_000 },
    (_, index) => `<enclosure url="https://example.com/${index}.mp3" type="audio/mpeg"/>`,
  ).join('');
  const { feed } = parseFeed(rss(`<item><title>x</title>${creators}${enclosures}</item>`));
  assert.equal(feed.items[0]!.authors!.length, 100);
  assert.equal(feed.items[0]!.attachments!.length, 100);
});

test('a million levels of nesting are flattened, with a diagnostic, and the items go on', () => {
  const result = parseFeed(
    rss(
      `<item><title>a</title></item><item><title>b</title><description>${'<x>'.repeat(1_000_000)}</description></item><item><title>c</title></item>`,
    ),
  );
  assert.deepEqual(
    result.feed.items.map((item) => item.title),
    ['a', 'b', 'c'],
  );
  assert.ok(result.diagnostics.some((diagnostic) => diagnostic.code === 'too-deep'));
});

test('prototype-polluting keys in JSON and XML change nothing', () => {
  parseFeed(
    '{"version":"https://jsonfeed.org/version/1.1","title":"p","__proto__":{"polluted":1},"items":[{"id":"1","__proto__":{"polluted":2}}]}',
  );
  parseFeed(rss('<item __proto__="x" constructor="y"><title>p</title><__proto__>z</__proto__></item>'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
});

test('internal entities are expanded, external ones never fetched', () => {
  const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>${rss('<item><title>&b;&ext;</title></item>').replace('<?xml version="1.0"?>', '')}`;
  const { feed } = parseFeed(doc);
  assert.equal(feed.items[0]!.title, `${'a'.repeat(100)}&ext;`);
});

test('a document that is not a feed fails with NOT_A_FEED naming the feed', () => {
  for (const input of ['', '<html><body>hi</body></html>', '{"title":"x"}', 'plain text']) {
    assert.throws(
      () => parseFeed(input, { url: 'https://example.com/feed' }),
      (error: unknown) =>
        error instanceof FeedmillError &&
        error.code === 'NOT_A_FEED' &&
        error.message.includes('https://example.com/feed'),
    );
  }
});

test('a root element of a feed format in a namespace no format uses is named with its namespace', () => {
  assert.throws(
    () =>
      parseFeed('<feed xmlns="http://schemas.example.com/x"><title>t</title></feed>', {
        url: 'https://example.com/f',
      }),
    (error: unknown) =>
      error instanceof FeedmillError &&
      error.code === 'NOT_A_FEED' &&
      error.message.endsWith(
        "root element is <feed> in namespace http://schemas.example.com/x, not rss, RDF, Atom's feed or a CDF CHANNEL",
      ),
  );
});

test("a podcast's <itunes:complete>Yes is JSON Feed's expired; other values and plain RSS say nothing", () => {
  const podcast = (complete: string) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>t</title>${complete}<item><title>x</title></item></channel></rss>`;
  assert.equal(parseFeed(podcast('<itunes:complete>Yes</itunes:complete>')).feed.expired, true);
  assert.equal(parseFeed(podcast('<itunes:complete> yes </itunes:complete>')).feed.expired, true);
  for (const other of [
    '<itunes:complete>No</itunes:complete>',
    '<itunes:complete/>',
    '<complete>Yes</complete>',
    '',
  ])
    assert.equal(parseFeed(podcast(other)).feed.expired, undefined, other);
  assert.equal(parseFeed(rss('<item><title>x</title></item>')).feed.expired, undefined);
});
