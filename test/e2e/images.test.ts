import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createHexoSite, type HexoSite, postPages, runFeedmill } from '../support/hexo-site.ts';
import { imagesOf } from '../support/html-text.ts';

// Bytes with real signatures (the sniffer reads only those): two pictures and two single-use ones.
const png = (seed: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(seed)]);
const jpeg = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(seed)]);
const IMAGES: Record<string, Buffer> = {
  '/img/photo.png': png('photo'),
  // The same picture under another URL: one file.
  '/cdn/photo-copy.png': png('photo'),
  '/img/only-b.jpg': jpeg('only b'),
  '/img/only-c.png': png('only c'),
};
const BIG_BYTES = 50 * 1024 * 1024;
const nameOf = (bytes: Buffer, extension: string) =>
  `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
const PHOTO = nameOf(png('photo'), 'png');
const ONLY_B = nameOf(jpeg('only b'), 'jpg');
const ONLY_C = nameOf(png('only c'), 'png');

const requests = new Map<string, number>();
let server: ReturnType<typeof createServer>;
let origin: string;
let site: HexoSite;

function feed(): string {
  const items = [
    [
      'a',
      '2026-03-03T10:00:00Z',
      `<p>Story A</p><img src="${origin}/img/photo.png" alt="photo"><img src="${origin}/cdn/photo-copy.png">` +
        `<img src="${origin}/img/big.png" alt="huge"><img src="${origin}/img/page.png" alt="not an image">`,
    ],
    [
      'b',
      '2026-03-02T10:00:00Z',
      `<p>Story B</p><img src="${origin}/img/photo.png"><img src="${origin}/img/only-b.jpg">`,
    ],
    ['c', '2026-03-01T10:00:00Z', `<p>Story C</p><img src="${origin}/img/only-c.png">`],
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Pictures</title><link>${origin}/</link><description>d</description>
${items
  .map(
    ([id, date, html]) =>
      `<item><guid isPermaLink="false">${id}</guid><title>Story ${id}</title><link>${origin}/${id}.html</link>` +
      `<pubDate>${new Date(date!).toUTCString()}</pubDate><description><![CDATA[${html}]]></description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    response.on('error', () => undefined);
    if (path === '/feed.xml')
      return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed());
    if (path === '/img/page.png')
      return void response
        .writeHead(200, { 'content-type': 'image/png' })
        .end('<!DOCTYPE html><html><body>Hotlinking forbidden</body></html>');
    if (path === '/img/big.png') {
      // 50 MB, streamed without a length: the client must stop at its cap, not after the body.
      response.writeHead(200, { 'content-type': 'image/png' });
      response.write(png('big'));
      const chunk = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < BIG_BYTES) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      request.socket.on('close', () => (sent = BIG_BYTES));
      return pump();
    }
    const image = IMAGES[path];
    if (image === undefined) return void response.writeHead(404).end('not found');
    response
      .writeHead(200, { 'content-type': path.endsWith('.jpg') ? 'image/jpeg' : 'image/png' })
      .end(image);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = createHexoSite();
  writeConfig('');
});

after(() => {
  server.close();
  site.remove();
});

function writeConfig(extra: string): void {
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    [
      'hexo: .',
      'images: local',
      'feeds:',
      `  - url: ${origin}/feed.xml`,
      '    categories: [Pictures]',
      extra,
      '',
    ].join('\n'),
  );
}

// File names are made from titles (`Story a` or `Story-a`, by the site's URL policy).
const isStory = (file: string, id: string) => file.replace(/-/g, ' ') === `Story ${id}.md`;
const imageRequests = () =>
  [...requests].filter(([path]) => path !== '/feed.xml').reduce((sum, [, count]) => sum + count, 0);
const imageFolder = () => join(site.root, 'source', 'images', 'feedmill');
const copies = () => (existsSync(imageFolder()) ? readdirSync(imageFolder()).sort() : []);
const post = (id: string) => {
  const folder = join(site.postsDir, 'Pictures');
  const name = readdirSync(folder).find((file) => isStory(file, id));
  return name === undefined ? undefined : readFileSync(join(folder, name), 'utf8');
};

test('images: local copies each image once, deduplicated, and refuses a 50 MB image and an HTML page', async () => {
  const result = await runFeedmill(['run', '--verbose'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /3 new, 0 updated, 0 unchanged, 2 image\(s\) kept remote/);
  assert.match(result.stdout, /\[image-too-large\]/);
  assert.match(
    result.stdout,
    /served as image\/png\) is not a PNG, JPEG, GIF, WebP or AVIF image[^\n]*\[image-not-an-image\]/,
  );
  for (const path of [
    '/img/photo.png',
    '/cdn/photo-copy.png',
    '/img/only-b.jpg',
    '/img/only-c.png',
    '/img/big.png',
    '/img/page.png',
  ])
    assert.equal(requests.get(path), 1, path);
  assert.deepEqual(copies(), [PHOTO, ONLY_B, ONLY_C].sort());
  assert.deepEqual(readFileSync(join(imageFolder(), PHOTO)), png('photo'));
  const a = post('a')!;
  assert.ok(a.includes(`<img src="/images/feedmill/${PHOTO}" alt="photo"`), a);
  assert.ok(a.includes(`<img src="/images/feedmill/${PHOTO}"`), a);
  // Refused images keep their remote URL.
  assert.ok(a.includes(`src="${origin}/img/big.png"`), a);
  assert.ok(a.includes(`src="${origin}/img/page.png"`), a);
  assert.match(a, new RegExp(`\\nheadimg: '?/images/feedmill/${PHOTO}'?\\n`));
  assert.ok(post('b')!.includes(`/images/feedmill/${ONLY_B}`));
});

test('real Hexo publishes the copies and the pages refer to them', async () => {
  const result = await site.generate();
  assert.equal(result.code, 0, result.stderr + result.stdout);
  for (const name of [PHOTO, ONLY_B, ONLY_C])
    assert.ok(existsSync(join(site.root, 'public', 'images', 'feedmill', name)), name);
  const page = postPages(site)
    .map((file) => readFileSync(file, 'utf8'))
    .find((html) => html.includes('Story A</p>'))!;
  const sources = imagesOf(page).map((image) => image.src);
  assert.deepEqual(sources, [
    `/images/feedmill/${PHOTO}`,
    `/images/feedmill/${PHOTO}`,
    `/images/feedmill/${PHOTO}`,
    `${origin}/img/big.png`,
    `${origin}/img/page.png`,
  ]);
});

test('a second run downloads nothing and changes no post', async () => {
  const before = [post('a'), post('b'), post('c')];
  const downloads = imageRequests();
  const result = await runFeedmill(['run'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /0 new, 0 updated, 3 unchanged/);
  assert.equal(imageRequests(), downloads, 'no image was requested again');
  assert.deepEqual([post('a'), post('b'), post('c')], before);
});

test('pruning posts removes the copies no other post uses', async () => {
  writeConfig('    keep: { max_items_per_feed: 1 }');
  const result = await runFeedmill(['prune'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.equal(post('b'), undefined);
  assert.equal(post('c'), undefined);
  // The photo is still story A's; only-b and only-c were used by the pruned posts alone.
  assert.deepEqual(copies(), [PHOTO]);
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.deepEqual(copies(), [PHOTO]);
});

test('a state restored from its export downloads nothing again', async () => {
  const exported = join(site.root, 'state.jsonl');
  const exportRun = await runFeedmill(['state', 'export', '-o', exported], site.root);
  assert.equal(exportRun.code, 0, exportRun.stderr);
  assert.match(readFileSync(exported, 'utf8'), new RegExp(`"type":"image_use".*"file":"${PHOTO}"`));
  rmSync(join(site.root, '.feedmill', 'state.db'), { force: true });
  for (const suffix of ['-wal', '-shm'])
    rmSync(join(site.root, '.feedmill', `state.db${suffix}`), { force: true });
  const importRun = await runFeedmill(['state', 'import', exported], site.root);
  assert.equal(importRun.code, 0, importRun.stderr);
  const downloads = imageRequests();
  const run = await runFeedmill(['run'], site.root);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.equal(imageRequests(), downloads);
  assert.deepEqual(copies(), [PHOTO]);
});

test('images: proxy rewrites image URLs through the template and fetches no image', async () => {
  const proxied = createHexoSite();
  try {
    writeFileSync(
      join(proxied.root, 'feedmill.yml'),
      [
        'hexo: .',
        'images: { proxy: "https://proxy.example/?url={url}" }',
        'feeds:',
        `  - url: ${origin}/feed.xml`,
        '    categories: [Pictures]',
        '',
      ].join('\n'),
    );
    const downloads = imageRequests();
    const result = await runFeedmill(['run'], proxied.root);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.equal(imageRequests(), downloads);
    const folder = join(proxied.postsDir, 'Pictures');
    const a = readFileSync(join(folder, readdirSync(folder).find((file) => isStory(file, 'a'))!), 'utf8');
    const encoded = encodeURIComponent(`${origin}/img/photo.png`);
    assert.ok(a.includes(`<img src="https://proxy.example/?url=${encoded}" alt="photo"`), a);
    assert.match(a, new RegExp(`\\nheadimg: ['"]?https://proxy\\.example/\\?url=${encoded}['"]?\\n`));
    const generate = await proxied.generate();
    assert.equal(generate.code, 0, generate.stderr);
  } finally {
    proxied.remove();
  }
});
