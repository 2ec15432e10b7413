import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createHexoSite, type HexoSite, postPages, REPO_ROOT, runFeedmill } from '../support/hexo-site.ts';
import { imagesOf, visibleText } from '../support/html-text.ts';

// Article pages written for the golden tests, served here as the items' links.
const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'full-text');
const ARTICLES: Record<string, string> = {
  '/news/bridge.html': 'news-article.html',
  '/blog/plain-text-notes/': 'blog-post.html',
  '/guides/hinge.html': 'comment-section.html',
};

const requests = new Map<string, number>();
let site: HexoSite;
let server: ReturnType<typeof createServer>;
let origin: string;

function feed(): string {
  const items = [
    ['bridge', '/news/bridge.html', 'City council approves new river crossing', '2026-03-14T09:30:00Z'],
    ['notes', '/blog/plain-text-notes/', 'Why I moved my notes to plain text', '2026-02-09T10:00:00Z'],
    ['hinge', '/guides/hinge.html', 'Fixing a squeaky door hinge for good', '2026-01-20T18:00:00Z'],
    ['gone', '/missing.html', 'A story whose page is gone', '2026-01-10T08:00:00Z'],
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Summaries</title><link>${origin}/</link><description>only summaries</description>
${items
  .map(
    ([id, path, title, date]) =>
      `<item><guid isPermaLink="false">${id}</guid><title>${title}</title><link>${origin}${path}</link>` +
      `<pubDate>${new Date(date!).toUTCString()}</pubDate><description>Summary of ${id} only.</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    // No validators: every run reads the feed again, so the processor really runs again.
    if (path === '/feed.xml' || path === '/hub/summaries')
      return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed());
    const file = ARTICLES[path];
    if (file === undefined) return void response.writeHead(404).end('not found');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(readFileSync(join(GOLDEN, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = createHexoSite();
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    [
      'hexo: .',
      'feeds:',
      `  - url: ${origin}/feed.xml`,
      '    categories: [News, Summaries]',
      '    full_text: true',
      '',
    ].join('\n'),
  );
});

after(() => {
  server.close();
  site.remove();
});

const articleRequests = () =>
  [...requests]
    .filter(([path]) => path !== '/feed.xml' && path !== '/hub/summaries')
    .reduce((sum, [, count]) => sum + count, 0);

function posts(): Map<string, string> {
  const files = readdirSync(site.postsDir, { recursive: true, withFileTypes: true }).filter((entry) =>
    entry.isFile(),
  );
  return new Map(
    files.map((entry) => [entry.name, readFileSync(join(entry.parentPath, entry.name), 'utf8')]),
  );
}

test('a summary-only feed becomes full posts; a page that fails keeps its summary and is counted', async () => {
  const result = await runFeedmill(['run', '--config', 'feedmill.yml', '--verbose'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /4 new, 0 updated, 0 unchanged, 1 full-text fallback\(s\)/);
  assert.match(result.stdout, /\[full-text-fetch-failed\]/);
  const written = [...posts().values()];
  assert.equal(written.length, 4);
  const body = (title: string) => written.find((text) => text.includes(title)) ?? '';
  const bridge = body('City council approves new river crossing');
  assert.match(bridge, /pedestrian and cycle bridge across the river/);
  assert.match(bridge, /exhibition of the final design/);
  assert.doesNotMatch(bridge, /Summary of bridge only|Related stories|Get 50% off|Riverside Daily/);
  // Relative links and images of the page are absolute against the article's URL.
  assert.ok(bridge.includes(`src="${origin}/news/images/bridge-render.jpg"`), bridge);
  assert.ok(bridge.includes(`href="${origin}/consultations/river-crossing"`));
  assert.match(
    body('Why I moved my notes to plain text'),
    new RegExp(`href="${origin}/blog/2025/11/grep-as-a-database/"`),
  );
  assert.doesNotMatch(body('Fixing a squeaky door hinge for good'), /petroleum jelly|Leave a reply/);
  assert.match(body('A story whose page is gone'), /Summary of gone only\./);
});

test('real Hexo builds the full posts', async () => {
  const result = await site.generate();
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const pages = postPages(site).map((file) => readFileSync(file, 'utf8'));
  assert.equal(pages.length, 4);
  const bridge = pages.find((html) => html.includes('City council approves new river crossing'))!;
  const text = visibleText(bridge.slice(bridge.indexOf('class="post-body"')));
  assert.match(text, /two thirds of which will come from a regional transport grant/);
  assert.doesNotMatch(text, /Most read|Sign up/);
  const images = imagesOf(bridge.slice(bridge.indexOf('class="post-body"')));
  assert.deepEqual(
    images.map((image) => [image.src, image.referrerpolicy]),
    [[`${origin}/news/images/bridge-render.jpg`, 'no-referrer']],
  );
});

test('a re-run fetches no article page again and changes nothing', async () => {
  const before = posts();
  const fetched = articleRequests();
  assert.equal(fetched, 4);
  const result = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /0 new, 0 updated, 4 unchanged/);
  assert.deepEqual(posts(), before);
  // Only the failed page is tried again (at most three runs in all); the others are stored.
  assert.equal(requests.get('/missing.html'), 2);
  assert.equal(articleRequests(), fetched + 1);
  await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(requests.get('/missing.html'), 3);
  assert.equal(requests.get('/news/bridge.html'), 1);
});

test('full_text: rsshub asks the instance for mode=fulltext and fetches no page itself', async () => {
  const hub = createHexoSite();
  const queries: string[] = [];
  try {
    writeFileSync(
      join(hub.root, 'feedmill.yml'),
      [
        'hexo: .',
        `rsshub: { instances: ["${origin}/hub"] }`,
        'feeds:',
        '  - rsshub: { route: /summaries, limit: 4 }',
        '    categories: [News, Hub]',
        '    full_text: rsshub',
        '',
      ].join('\n'),
    );
    const served = requests.get('/hub/summaries') ?? 0;
    const pages = articleRequests();
    server.on('request', (request) => queries.push(new URL(request.url ?? '/', 'http://x').search));
    const result = await runFeedmill(['run', '--config', 'feedmill.yml'], hub.root);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.equal(requests.get('/hub/summaries'), served + 1);
    assert.deepEqual(queries, ['?limit=4&mode=fulltext']);
    assert.equal(articleRequests(), pages, 'only the feed itself was fetched');
  } finally {
    hub.remove();
  }
});
