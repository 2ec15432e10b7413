import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../errors.ts';
import type { JsonFeed } from '../model.ts';
import { toItems } from './to-items.ts';

const feed = (items: JsonFeed['items']): JsonFeed => ({
  version: 'https://jsonfeed.org/version/1.1',
  title: 't',
  items,
});

test('an item without a usable date gets the first-seen time and a diagnostic', () => {
  const diagnostics: Diagnostic[] = [];
  const now = new Date('2026-01-01T00:00:00Z');
  const [item] = toItems(
    feed([{ id: 'a', title: 'A', content_html: '<p>x</p>' }]),
    { now, limit: 5 },
    diagnostics,
  );
  assert.equal(item!.published.getTime(), now.getTime());
  assert.equal(item!.publishedKnown, false);
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['no-date'],
  );
});

test('content_text becomes escaped paragraphs; newest first; limit applies', () => {
  const items = toItems(
    feed([
      { id: 'old', content_text: 'a < b\n\nsecond', date_published: '2021-01-01T00:00:00.000Z' },
      { id: 'new', content_text: 'new', date_published: '2021-06-01T00:00:00.000Z' },
      { id: 'mid', content_text: 'mid', date_published: '2021-03-01T00:00:00.000Z' },
    ]),
    { now: new Date(), limit: 2 },
    [],
  );
  assert.deepEqual(
    items.map((item) => item.key),
    ['new', 'mid'],
  );
  const old = toItems(
    feed([{ id: 'old', content_text: 'a < b\n\nsecond' }]),
    { now: new Date(), limit: 1 },
    [],
  );
  assert.equal(old[0]!.html, '<p>a &lt; b</p><p>second</p>');
});

test('plain text keeps its line breaks, whichever the writer used; a summary body too', () => {
  const [text, summary] = toItems(
    feed([
      {
        id: 'a',
        content_text: 'one\r\ntwo\rthree\r\n\r\n<four>',
        date_published: '2021-02-01T00:00:00.000Z',
      },
      { id: 'b', summary: 'a & b\nc', date_published: '2021-01-01T00:00:00.000Z' },
    ]),
    { now: new Date(), limit: 2 },
    [],
  );
  assert.equal(text!.html, '<p>one<br>two<br>three</p><p>&lt;four&gt;</p>');
  assert.equal(summary!.html, '<p>a &amp; b<br>c</p>');
});

test('an untitled item is titled from its summary or text, else a dated placeholder', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const items = toItems(
    feed([
      { id: 'a', content_html: '<p>Hello <b>world</b>, this is a microblog post</p>' },
      { id: 'b', content_text: 'x'.repeat(200) },
      { id: 'c' },
    ]),
    { now, limit: 5 },
    [],
  );
  assert.equal(items[0]!.title, 'Hello world, this is a microblog post');
  assert.equal(items[1]!.title, `${'x'.repeat(80)}…`);
  assert.match(items[2]!.title, /^Untitled 2026-01-01/);
});

test('an author known only by an address is shown by its local part, never the address', () => {
  const items = toItems(
    feed([
      {
        id: 'a',
        title: 'A',
        authors: [
          { url: 'mailto:jane.doe@example.com' },
          { name: 'Named', url: 'mailto:named@example.com' },
          { url: 'https://example.com/~web' },
        ],
      },
    ]),
    { now: new Date(), limit: 5 },
    [],
  );
  assert.deepEqual(items[0]!.authors, ['jane.doe', 'Named', 'https://example.com/~web']);
});

test('a title made from text keeps U+00A0 and folds only XML whitespace', () => {
  const items = toItems(
    feed([{ id: 'a', summary: ' 100\u00a0km\t\n on  foot ' }]),
    { now: new Date(), limit: 5 },
    [],
  );
  assert.equal(items[0]!.title, '100\u00a0km on foot');
});

test('authors: the item’s, else the feed’s, else the configured default; an address shows its name part', () => {
  const withFeedAuthor: JsonFeed = {
    ...feed([
      { id: 'own', title: 'own', authors: [{ name: 'Item Writer' }] },
      { id: 'none', title: 'none' },
    ]),
    authors: [{ url: 'mailto:editor@example.com' }],
  };
  const items = toItems(withFeedAuthor, { now: new Date(), limit: 5, defaultAuthor: 'Site' }, []);
  assert.deepEqual(
    items.map((item) => item.authors),
    [['Item Writer'], ['editor']],
  );
  const bare = toItems(
    feed([
      { id: 'a', title: 'a' },
      { id: 'b', title: 'b', authors: [{ name: 'jane@example.com (Jane)' }] },
      { id: 'c', title: 'c', authors: [{ name: 'jane@example.com' }] },
    ]),
    { now: new Date(), limit: 5, defaultAuthor: 'Site' },
    [],
  );
  assert.deepEqual(
    bare.map((item) => item.authors),
    [['Site'], ['Jane'], ['jane']],
  );
});

test('media files get a kind from their type or extension; the cover follows the documented order', () => {
  const [item] = toItems(
    feed([
      {
        id: 'm',
        title: 'm',
        attachments: [
          { url: 'https://a.example/ep.mp3', mime_type: 'application/octet-stream' },
          { url: 'https://a.example/clip', mime_type: 'video/mp4' },
          { url: 'https://a.example/doc.pdf', mime_type: 'application/pdf' },
          { url: 'https://a.example/still.png', mime_type: 'application/octet-stream' },
        ],
        _feedmill: {
          images: [
            { url: 'https://a.example/thumb.jpg', role: 'thumbnail' },
            { url: 'https://a.example/g1.jpg', role: 'content', width: 800, height: 600 },
          ],
          player: 'https://www.youtube.com/embed/abc',
        },
      },
    ]),
    { now: new Date(), limit: 5 },
    [],
  );
  assert.deepEqual(
    item!.media?.map((file) => [file.kind, file.type]),
    [
      ['audio', 'audio/mpeg'],
      ['video', 'video/mp4'],
      ['other', 'application/pdf'],
      ['image', 'image/png'],
      ['image', 'image/jpeg'],
    ],
  );
  assert.equal(item!.player, 'https://www.youtube.com/embed/abc');
  // No parser-chosen image: the first image attachment (by its extension) is the cover.
  assert.equal(item!.image, 'https://a.example/still.png');
  const [chosen] = toItems(
    feed([
      { id: 'c', title: 'c', image: 'https://a.example/own.jpg', banner_image: 'https://a.example/b.jpg' },
    ]),
    { now: new Date(), limit: 5 },
    [],
  );
  assert.equal(chosen!.image, 'https://a.example/own.jpg');
});
