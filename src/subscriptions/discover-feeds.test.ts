import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import { type DiscoverOptions, discoverFeeds } from './discover-feeds.ts';

type Page = { body: string; type?: string; url?: string };

/** A fetcher over a map of pages (url → body and type), recording the urls asked for. */
function fakeFetcher(pages: Record<string, Page>): Fetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(location) {
      if (location.kind !== 'http') throw new Error('http only');
      asked.push(location.url);
      const page = pages[location.url];
      if (!page) throw new Error(`HTTP 404 for ${location.url}`);
      const result: FetchResult = {
        kind: 'fetched',
        body: new TextEncoder().encode(page.body),
        url: page.url ?? location.url,
        validators: {},
      };
      if (page.type) result.contentType = page.type;
      return result;
    },
  };
}

const options = (fetcher: Fetcher): DiscoverOptions => ({ fetcher, labels: { lang: 'en' } });
const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://x.example/</link><description>d</description></channel></rss>`;
const jsonFeed = (title: string) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title, items: [] });

test('links that may be feeds are fetched and kept only when they are feeds', async () => {
  const fetcher = fakeFetcher({
    'https://blog.example/': {
      type: 'text/html',
      body: `<head><title>Blog</title>
        <link rel="alternate" type="application/rss+xml" href="/feed/" title="Posts">
        <link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
        <link rel="alternate" type="application/json" href="/feed.json" title="JSON Feed">
      </head>`,
    },
    'https://blog.example/wp-json/wp/v2/pages/2': {
      type: 'application/json',
      body: '{"id":2,"title":{"rendered":"About"}}',
    },
    'https://blog.example/feed.json': { type: 'application/json', body: jsonFeed('Blog JSON') },
  });
  const found = await discoverFeeds('https://blog.example/', options(fetcher));
  assert.deepEqual(
    found.candidates.map((candidate) => candidate.kind === 'feed' && [candidate.url, candidate.title]),
    [
      ['https://blog.example/feed/', 'Posts'],
      ['https://blog.example/feed.json', 'JSON Feed'],
    ],
  );
});

test('a page linking no feed: its <a> links that look like feeds are checked before guessing', async () => {
  const fetcher = fakeFetcher({
    'https://site.example/': {
      type: 'text/html; charset=utf-8',
      body: '<title>Site</title><footer><a href="/sitemap.xml">Sitemap</a> <a href="/posts.rss">RSS</a></footer>',
    },
    'https://site.example/sitemap.xml': { type: 'application/xml', body: '<urlset/>' },
    'https://site.example/posts.rss': { type: 'application/rss+xml', body: rss('Site posts') },
  });
  const found = await discoverFeeds('https://site.example/', options(fetcher));
  assert.deepEqual(found.candidates, [
    {
      kind: 'feed',
      url: 'https://site.example/posts.rss',
      name: 'Site posts',
      via: 'page',
      title: 'Site posts',
    },
  ]);
  assert.deepEqual(fetcher.asked, [
    'https://site.example/',
    'https://site.example/sitemap.xml',
    'https://site.example/posts.rss',
  ]);
});

test('a feed served as text/html or as application/octet-stream is recognised as the address itself', async () => {
  for (const type of ['text/html; charset=UTF-8', 'application/octet-stream', undefined]) {
    const page: Page = { body: `\n  ${rss('Mislabelled')}` };
    if (type) page.type = type;
    const fetcher = fakeFetcher({ 'https://m.example/rss.php': page });
    const found = await discoverFeeds('https://m.example/rss.php', options(fetcher));
    assert.deepEqual(
      found.candidates.map((candidate) => candidate.kind === 'feed' && [candidate.via, candidate.title]),
      [['address', 'Mislabelled']],
      String(type),
    );
  }
});

test('relative links resolve against the final URL after redirects', async () => {
  const fetcher = fakeFetcher({
    'http://old.example/': {
      url: 'https://new.example/blog/',
      type: 'text/html',
      body: '<link rel="alternate" type="application/atom+xml" href="atom.xml">',
    },
  });
  const found = await discoverFeeds('http://old.example/', options(fetcher));
  assert.equal(
    found.candidates[0]!.kind === 'feed' && found.candidates[0]!.url,
    'https://new.example/blog/atom.xml',
  );
});

test('an address without a scheme may carry :// in its query; feed: addresses are web addresses', async () => {
  const fetcher = fakeFetcher({
    'https://q.example/?u=https://x.example/': { type: 'application/rss+xml', body: rss('Q') },
    'http://f.example/rss': { type: 'application/rss+xml', body: rss('F') },
  });
  const viaQuery = await discoverFeeds('q.example/?u=https://x.example/', options(fetcher));
  assert.equal(viaQuery.address, 'https://q.example/?u=https://x.example/');
  const viaFeed = await discoverFeeds('feed://f.example/rss', options(fetcher));
  assert.equal(viaFeed.address, 'http://f.example/rss');
  await assert.rejects(discoverFeeds('javascript:alert(1)', options(fetcher)), /not an http\(s\) address/);
});

test('guesses cover the static site generators: Jekyll /feed.xml and Hugo /index.xml', async () => {
  const fetcher = fakeFetcher({
    'https://hugo.example/': { type: 'text/html', body: '<title>Hugo site</title>' },
    'https://hugo.example/index.xml': { type: 'application/rss+xml', body: rss('Hugo feed') },
  });
  const found = await discoverFeeds('https://hugo.example/', options(fetcher));
  assert.deepEqual(
    found.candidates.map((candidate) => candidate.kind === 'feed' && [candidate.via, candidate.url]),
    [['guess', 'https://hugo.example/index.xml']],
  );
});

test('a page with thousands of feed links offers the first ones and says how many were left', async () => {
  const links = Array.from(
    { length: 3000 },
    (_, index) => `<link rel="alternate" type="application/rss+xml" href="/f${index}.xml">`,
  ).join('');
  const fetcher = fakeFetcher({ 'https://many.example/': { type: 'text/html', body: links } });
  const found = await discoverFeeds('https://many.example/', options(fetcher));
  assert.equal(found.candidates.length, 20);
  assert.deepEqual(found.notes, ['the page links 2980 more feeds; only the first 20 are listed']);
  assert.deepEqual(fetcher.asked, ['https://many.example/']);
});
