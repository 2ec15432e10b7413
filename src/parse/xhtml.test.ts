import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from './parse-feed.ts';
import { resolveHtmlUrls } from './xhtml.ts';

test('relative URLs in an html fragment resolve against xml:base', () => {
  assert.equal(
    resolveHtmlUrls('<p><a href="a/b.html">x</a><img src="#top"></p>', 'https://example.org/dir/'),
    '<p><a href="https://example.org/dir/a/b.html">x</a><img src="#top"></p>',
  );
});

test('escaped HTML nested 20,000 deep under xml:base does not end the feed', () => {
  const deep = `${'<div>'.repeat(20_000)}<a href="x.html">deep</a>${'</div>'.repeat(20_000)}`;
  const escaped = deep.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xml = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/">
  <title>t</title><id>urn:f</id><updated>2024-01-01T00:00:00Z</updated>
  <entry><title>one</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>
    <content type="html">${escaped}</content></entry>
  <entry><title>two</title><id>urn:2</id><updated>2024-01-02T00:00:00Z</updated>
    <content type="html">&lt;a href="y.html"&gt;shallow&lt;/a&gt;</content></entry>
</feed>`;
  const { feed } = parseFeed(xml);
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ['one', 'two'],
  );
  assert.match(feed.items[0]!.content_html ?? '', /deep/);
  assert.equal(feed.items[1]!.content_html, '<a href="https://example.org/y.html">shallow</a>');
});

test('an XHTML plaintext element is written as pre: in HTML it would swallow the rest of the body', () => {
  const { feed } = parseFeed(
    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title>t</title>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one <plaintext/> two <plaintext>a &lt;b&gt;</plaintext> three</div></content>
    </entry></feed>`,
  );
  assert.equal(feed.items[0]?.content_html, 'one <pre></pre> two <pre>a &lt;b&gt;</pre> three');
});
