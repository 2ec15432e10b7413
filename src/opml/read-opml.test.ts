import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { readOpml } from './read-opml.ts';

test('nested outlines become categories; title wins over text; entities are decoded', () => {
  const feeds = readOpml(
    `<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="Tech">
    <outline text="Web &amp; Net">
      <outline type="rss" text="A" title="A &lt;feed&gt;" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>
    </outline>
    <outline type="rss" text="B" xmlUrl=" https://b.example/rss "/>
  </outline>
  <outline type="rss" text="Top" xmlUrl="https://top.example/atom"/>
  <outline type="rss" text="Cat" xmlUrl="https://c.example/" category="/News/World,/Other"/>
  <outline text="empty folder"/>
</body></opml>`,
    'subs.opml',
  );
  assert.deepEqual(feeds, [
    { url: 'https://a.example/feed?x=1&y=2', title: 'A <feed>', categories: ['Tech', 'Web & Net'] },
    { url: 'https://b.example/rss', title: 'B', categories: ['Tech'] },
    { url: 'https://top.example/atom', title: 'Top', categories: [] },
    { url: 'https://c.example/', title: 'Cat', categories: ['News', 'World'] },
  ]);
});

test('a file that is not OPML is an error naming the file', () => {
  assert.throws(
    () => readOpml('<rss><channel/></rss>', 'feeds.xml'),
    (error: unknown) =>
      error instanceof FeedmillError && /feeds\.xml is not an OPML file/.test(error.message),
  );
});

test('no DTD entity expansion: an internal entity stays unexpanded', () => {
  const feeds = readOpml(
    '<!DOCTYPE opml [<!ENTITY x "https://evil.example/">]><opml><body><outline xmlUrl="&x;feed"/></body></opml>',
    'x.opml',
  );
  assert.equal(feeds[0]!.url, '&x;feed');
});
