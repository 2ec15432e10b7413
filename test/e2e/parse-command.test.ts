import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-parse-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('feedmill parse prints the seed feed as JSON Feed 1.1', async () => {
  const result = await runFeedmill(
    ['parse', join(REPO_ROOT, 'test', 'fixtures', 'seed', 'feed.xml'), '--format', 'jsonfeed'],
    dir,
  );
  assert.equal(result.code, 0, result.stderr);
  const feed = JSON.parse(result.stdout);
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.title, '新浪财经－国內');
  assert.equal(feed.home_page_url, 'http://finance.sina.com.cn/china/');
  assert.equal(feed.feed_url, 'https://rsshub.example/sina/finance');
  assert.equal(feed.items.length, 1);
  const [item] = feed.items;
  assert.equal(item.id, 'https://finance.sina.com.cn/china/2021-12-16/doc-fixture0001.shtml');
  assert.equal(item.url, 'https://finance.sina.com.cn/china/2021-12-16/doc-fixture0001.shtml');
  assert.equal(item.title, '中俄元首年内再度视频会晤 传递这些重要信息');
  assert.equal(item.date_published, '2021-12-16T06:21:53.000Z');
  assert.match(item.content_html, /<img id="0" src="https:\/\/n\.sinaimg\.cn\//);
});

test('feedmill parse reads Atom and JSON Feed over HTTP from 127.0.0.1', async () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/">
  <title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title>
  <link href="/"/>
  <entry><id>tag:example.org,2021:1</id><title>One</title><link href="posts/1"/>
    <updated>2021-12-16T14:21:53+08:00</updated>
    <author><name>Ann</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <b>there</b></p></div></content>
  </entry>
</feed>`;
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1',
    title: 'J',
    author: { name: 'Old style' },
    items: [{ id: 1, content_text: 'plain & simple', date_published: '2021-12-16T06:21:53Z', tags: ['a'] }],
  });
  const server = createServer((request, response) => {
    if (request.url === '/atom')
      response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom);
    else response.writeHead(200, { 'content-type': 'application/feed+json' }).end(json);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const atomResult = await runFeedmill(['parse', `http://127.0.0.1:${port}/atom`], dir);
    assert.equal(atomResult.code, 0, atomResult.stderr);
    const atomFeed = JSON.parse(atomResult.stdout);
    assert.equal(atomFeed.title, 'A bold title');
    assert.equal(atomFeed.home_page_url, 'http://example.org/');
    assert.equal(atomFeed.items[0].url, 'http://example.org/blog/posts/1');
    assert.equal(atomFeed.items[0].date_published, '2021-12-16T06:21:53.000Z');
    assert.deepEqual(atomFeed.items[0].authors, [{ name: 'Ann' }]);
    assert.match(atomFeed.items[0].content_html, /<p>Hi <b>there<\/b><\/p>/);

    const jsonResult = await runFeedmill(['parse', `http://127.0.0.1:${port}/json`], dir);
    assert.equal(jsonResult.code, 0, jsonResult.stderr);
    const jsonFeed = JSON.parse(jsonResult.stdout);
    assert.equal(jsonFeed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(jsonFeed.items[0].id, '1');
    assert.deepEqual(jsonFeed.authors, [{ name: 'Old style' }]);
    assert.equal(jsonFeed.items[0].content_text, 'plain & simple');
  } finally {
    server.close();
  }
});

test('a document that is not a feed fails with "not a feed" naming it (exit 1)', async () => {
  const page = join(dir, 'page.html');
  writeFileSync(page, '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>');
  const result = await runFeedmill(['parse', page], dir);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /page\.html: not a feed/);
});
