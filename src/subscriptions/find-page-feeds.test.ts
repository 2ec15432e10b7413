import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodePage } from '../fetch/index.ts';
import { findPageFeeds } from './find-page-feeds.ts';

test('alternate links with feed types, resolved against <base>, in order, once each', () => {
  const html = `<!doctype html><html><head>
    <title>
      Example   Blog
    </title>
    <base href="/blog/">
    <link rel="stylesheet" href="/style.css" type="text/css">
    <link rel="Alternate" type="application/rss+xml; charset=utf-8" title="Posts (RSS)" href="feed.xml">
    <link rel="alternate" type="APPLICATION/ATOM+XML" href="https://example.org/atom.xml">
    <link rel="alternate" type="application/feed+json" href="./feed.json" title="JSON Feed">
    <link rel="alternate" type="application/rss+xml" href="/blog/feed.xml">
    <link rel="alternate" type="text/html" hreflang="de" href="/de/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="home alternate" type="application/rdf+xml" href="index.rdf">
  </head><body><link rel="alternate" type="application/atom+xml" href="comments.atom"></body></html>`;
  assert.deepEqual(findPageFeeds(html, 'https://example.org/blog/post/1'), {
    title: 'Example Blog',
    maybe: [],
    feeds: [
      { url: 'https://example.org/blog/feed.xml', type: 'application/rss+xml', title: 'Posts (RSS)' },
      { url: 'https://example.org/atom.xml', type: 'application/atom+xml' },
      { url: 'https://example.org/blog/feed.json', type: 'application/feed+json', title: 'JSON Feed' },
      { url: 'https://example.org/blog/index.rdf', type: 'application/rdf+xml' },
      { url: 'https://example.org/blog/comments.atom', type: 'application/atom+xml' },
    ],
  });
});

test('a page without alternate links, or with broken markup, offers none', () => {
  assert.deepEqual(findPageFeeds('<p>no feeds <link rel=alternate', 'https://example.org/'), {
    feeds: [],
    maybe: [],
  });
  // A link without an href names no feed (it would resolve to the page itself).
  assert.deepEqual(
    findPageFeeds('<link rel=alternate type=application/rss+xml href=" ">', 'https://example.org/a'),
    { feeds: [], maybe: [] },
  );
});

test('page text is decoded by the HTTP charset, else the meta declaration, else UTF-8', () => {
  const gbk = iconv.encode('<html><head><meta charset="gbk"><title>新闻</title></head></html>', 'gbk');
  assert.match(decodePage(gbk), /新闻/);
  const equiv = iconv.encode(
    '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>ニュース</title>',
    'shift_jis',
  );
  assert.match(decodePage(equiv), /ニュース/);
  assert.match(decodePage(iconv.encode('<title>新闻</title>', 'gbk'), 'text/html; charset=GB2312'), /新闻/);
  assert.match(decodePage(new TextEncoder().encode('<title>naïve</title>')), /naïve/);
});

test('rel="feed", pre-RFC Atom types and feed: hrefs are feeds; ambiguous types are only maybes', () => {
  const html = `<head>
    <link rel="FEED" href="/all.xml" title="Everything">
    <link rel="feed alternate" type="application/x-atom+xml" href="/old.atom">
    <link rel="alternate" type="application/rss+xml" href="feed://example.org/scheme.rss">
    <link rel="alternate" type="application/json" href="/feed.json" title="JSON Feed">
    <link rel="alternate" type="text/xml" href="/rss.php">
    <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
    <link rel="alternate" type="text/html" href="/fr/">
  </head>`;
  const found = findPageFeeds(html, 'https://example.org/');
  assert.deepEqual(found.feeds, [
    { url: 'https://example.org/old.atom', type: 'application/x-atom+xml' },
    { url: 'http://example.org/scheme.rss', type: 'application/rss+xml' },
  ]);
  assert.deepEqual(found.maybe, [
    { url: 'https://example.org/all.xml', type: '', title: 'Everything' },
    { url: 'https://example.org/feed.json', type: 'application/json', title: 'JSON Feed' },
    { url: 'https://example.org/rss.php', type: 'text/xml' },
  ]);
});

test('a base href that is no web address is ignored, as browsers do for javascript: and data:', () => {
  const html =
    '<base href="javascript:void(0)"><link rel="alternate" type="application/rss+xml" href="feed.xml">';
  assert.deepEqual(findPageFeeds(html, 'https://example.org/blog/').feeds, [
    { url: 'https://example.org/blog/feed.xml', type: 'application/rss+xml' },
  ]);
});

test('without any feed link, <a> links that look like feeds are maybes; on-page links otherwise not', () => {
  const html = `<body>
    <a href="/about">About</a>
    <a href="/feed/">RSS</a>
    <a href="https://feeds.example.net/site.xml">Subscribe</a>
    <a href="javascript:subscribe()">rss</a>
    <a href="/blog/rss">posts</a>
    <a href="#rss">RSS</a>
  </body>`;
  const found = findPageFeeds(html, 'https://example.org/');
  assert.deepEqual(found.feeds, []);
  assert.deepEqual(
    found.maybe.map((feed) => feed.url),
    ['https://example.org/feed/', 'https://feeds.example.net/site.xml', 'https://example.org/blog/rss'],
  );
  const linked = findPageFeeds(
    `<link rel="alternate" type="application/rss+xml" href="/rss.xml">${html}`,
    'https://example.org/',
  );
  assert.deepEqual(linked.maybe, []);
});

test('thousands of feed links: the first 20 are kept and the rest counted', () => {
  const links = Array.from(
    { length: 5000 },
    (_, index) => `<link rel="alternate" type="application/rss+xml" href="/f${index}.xml">`,
  ).join('');
  const found = findPageFeeds(links, 'https://example.org/');
  assert.equal(found.feeds.length, 20);
  assert.equal(found.more, 4980);
});
