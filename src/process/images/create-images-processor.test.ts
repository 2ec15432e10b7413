import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Diagnostic, FeedmillError } from '../../errors.ts';
import type { CleanItem, ImagePolicy, Subscription } from '../../model.ts';
import { openStore } from '../../store/index.ts';
import type { FetchedPage, PageFetcher, ProcessContext } from '../item-processor.ts';
import { createImagesProcessor } from './create-images-processor.ts';
import { createMemoryImageFolder } from './image-folder.ts';

const PNG = (seed: string) =>
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from(seed)]);
const LOCAL: ImagePolicy = { mode: 'local', maxBytes: 1000, maxPerItem: 10 };

/** A page fetcher answering from a table, counting requests per URL. */
function fakeFetcher(pages: Record<string, FetchedPage | FeedmillError>) {
  const requests = new Map<string, number>();
  const fetcher: PageFetcher = {
    async get(url, options) {
      requests.set(url, (requests.get(url) ?? 0) + 1);
      const page = pages[url];
      if (page === undefined)
        throw new FeedmillError('FETCH_HTTP_STATUS', `HTTP 404 from ${url}`, { status: 404 });
      if (page instanceof FeedmillError) throw page;
      if (options?.maxBytes !== undefined && page.body.length > options.maxBytes)
        throw new FeedmillError('FETCH_TOO_LARGE', `body of ${url} is larger than ${options.maxBytes} bytes`);
      return page;
    },
  };
  return { fetcher, requests };
}

function setup(
  policy: ImagePolicy,
  pages: Record<string, FetchedPage | FeedmillError>,
  maxDownloadsPerRun = 100,
) {
  const store = openStore(':memory:', { fsync: false });
  const subscription: Subscription = {
    name: 'feed',
    source: 'https://example.org/feed',
    locations: [],
    categories: ['A'],
    limit: 15,
    timezone: 'UTC',
    images: policy,
  };
  store.feed(subscription.source);
  const folder = createMemoryImageFolder();
  const { fetcher, requests } = fakeFetcher(pages);
  const open = () =>
    createImagesProcessor({
      records: store.images,
      folder,
      urlPath: '/blog/images/feedmill/',
      maxDownloadsPerRun,
    });
  let processor = open();
  /** The processor of a new run, with the same records and folder. */
  const nextRun = () => {
    processor = open();
  };
  const run = async (items: CleanItem[]) => {
    const diagnostics: Diagnostic[] = [];
    const context: ProcessContext = {
      subscription,
      feed: { version: 'https://jsonfeed.org/version/1.1', title: 'Feed', items: [] },
      now: new Date('2026-12-06T00:00:00Z'),
      fetchPage: fetcher,
      cache: { get: () => undefined, set: () => undefined },
      known: new Set(),
      diagnostics,
    };
    return { items: await processor.process(items, context), diagnostics };
  };
  return { store, folder, requests, run, nextRun };
}

const item = (key: string, body: string, headImage?: string): CleanItem => ({
  key,
  title: key,
  html: body,
  body,
  markup: 'html',
  published: new Date('2026-12-01T00:00:00Z'),
  publishedKnown: true,
  authors: [],
  tags: [],
  ...(headImage ? { headImage } : {}),
});

const page = (url: string, body: Uint8Array, contentType = 'image/png'): FetchedPage => ({
  url,
  body,
  contentType,
});

test('local: images are downloaded once, deduplicated by content, and the post and its image point at the copies', async () => {
  const a = PNG('a');
  const { folder, requests, run, store } = setup(LOCAL, {
    'https://img.example/a.png': page('https://img.example/a.png', a),
    'https://mirror.example/a-copy.png': page('https://mirror.example/a-copy.png', a),
  });
  const first = await run([
    item(
      '1',
      '<p>x</p><img src="https://img.example/a.png" srcset="https://img.example/a@2x.png 2x">',
      'https://img.example/a.png',
    ),
    item('2', '<img src="https://mirror.example/a-copy.png">'),
  ]);
  assert.deepEqual(first.diagnostics, []);
  assert.equal(folder.files.size, 1);
  const [name] = [...folder.files.keys()];
  assert.match(name!, /^[0-9a-f]{64}\.png$/);
  assert.equal(first.items[0]!.body, `<p>x</p><img src="/blog/images/feedmill/${name}">`);
  assert.equal(first.items[0]!.headImage, `/blog/images/feedmill/${name}`);
  assert.equal(first.items[1]!.body, `<img src="/blog/images/feedmill/${name}">`);
  // A second run (same store) fetches nothing and writes the same posts.
  const second = await run([
    item(
      '1',
      '<p>x</p><img src="https://img.example/a.png" srcset="https://img.example/a@2x.png 2x">',
      'https://img.example/a.png',
    ),
  ]);
  assert.equal(second.items[0]!.body, first.items[0]!.body);
  assert.deepEqual([...requests.values()], [1, 1]);
  assert.equal(store.images.unrecordedPosts().length, 0);
});

test('local: refused downloads keep the remote URL, are reported once and not fetched again soon', async () => {
  const { folder, requests, run } = setup(LOCAL, {
    'https://img.example/big.png': page('https://img.example/big.png', PNG('x'.repeat(2000))),
    'https://img.example/page.png': page(
      'https://img.example/page.png',
      new TextEncoder().encode('<!doctype html><p>hi'),
      'image/png',
    ),
    'https://img.example/logo.svg': page(
      'https://img.example/logo.svg',
      new TextEncoder().encode('<svg onload="x()"/>'),
      'image/svg+xml',
    ),
    'https://img.example/down.png': new FeedmillError('FETCH_FAILED', 'connection refused'),
  });
  const body =
    '<img src="https://img.example/big.png"><img src="https://img.example/page.png"><img src="https://img.example/logo.svg">' +
    '<img src="https://img.example/gone.png"><img src="https://img.example/down.png">';
  const first = await run([item('1', body)]);
  assert.equal(first.items[0]!.body, body);
  assert.equal(folder.files.size, 0);
  assert.deepEqual(
    first.diagnostics.map((diagnostic) => diagnostic.code),
    [
      'image-too-large',
      'image-not-an-image',
      'image-svg-refused',
      'image-download-failed',
      'image-download-failed',
    ],
  );
  assert.match(first.diagnostics[1]!.message, /served as image\/png/);
  const second = await run([item('1', body)]);
  // Only the network failure is tried again.
  assert.deepEqual(
    second.diagnostics.map((diagnostic) => diagnostic.code),
    ['image-download-failed'],
  );
  assert.equal(requests.get('https://img.example/down.png'), 2);
  assert.equal(requests.get('https://img.example/big.png'), 1);
});

test('local: after a timeout, the host is not asked for its other images in the run', async () => {
  // A host that swallows connections costs each image the whole deadline, one after another
  // (one request at a time per host): 75 images, 12 minutes of every run.
  const timeout = new FeedmillError('FETCH_TIMEOUT', 'no answer within 10 s');
  const pages: Record<string, FetchedPage | FeedmillError> = {
    'https://img.example/reset.png': new FeedmillError('FETCH_FAILED', 'connection reset'),
    'https://img.example/ok.png': page('https://img.example/ok.png', PNG('ok')),
  };
  for (const n of [1, 2, 3]) pages[`https://dead.example/${n}.png`] = timeout;
  const { requests, run, nextRun } = setup(LOCAL, pages);
  const items = [
    item(
      '1',
      '<img src="https://dead.example/1.png"><img src="https://img.example/reset.png"><img src="https://dead.example/2.png">',
    ),
    item('2', '<img src="https://img.example/ok.png"><img src="https://dead.example/3.png">'),
  ];
  const first = await run(items);
  const dead = () => [1, 2, 3].map((n) => requests.get(`https://dead.example/${n}.png`) ?? 0);
  assert.deepEqual(dead(), [1, 0, 0]);
  // Another failure is the URL's own: the host's other images are still fetched.
  assert.equal(requests.get('https://img.example/ok.png'), 1);
  assert.match(first.items[1]!.body, /\/blog\/images\/feedmill\//);
  assert.deepEqual(
    first.diagnostics.map((diagnostic) => diagnostic.code),
    ['image-download-failed', 'image-download-failed', 'image-download-failed', 'image-download-failed'],
  );
  assert.match(first.diagnostics.at(-1)!.message, /dead\.example timed out.*tried again on the next run/);
  // The next run asks again, once.
  nextRun();
  await run(items);
  assert.deepEqual(dead(), [2, 0, 0]);
});

test('local: per-item and per-run caps leave the rest remote, with a diagnostic', async () => {
  const pages = Object.fromEntries(
    [1, 2, 3, 4].map((n) => [
      `https://img.example/${n}.png`,
      page(`https://img.example/${n}.png`, PNG(String(n))),
    ]),
  );
  const perItem = setup({ mode: 'local', maxBytes: 1000, maxPerItem: 2 }, pages);
  const body = [1, 2, 3].map((n) => `<img src="https://img.example/${n}.png">`).join('');
  const capped = await perItem.run([item('1', body)]);
  assert.equal(perItem.folder.files.size, 2);
  assert.match(capped.items[0]!.body, /<img src="https:\/\/img\.example\/3\.png">$/);
  assert.deepEqual(
    capped.diagnostics.map((diagnostic) => diagnostic.code),
    ['image-limit'],
  );

  const perRun = setup(LOCAL, pages, 3);
  const run = await perRun.run([item('1', body), item('2', '<img src="https://img.example/4.png">')]);
  assert.equal(perRun.folder.files.size, 3);
  assert.equal(run.items[1]!.body, '<img src="https://img.example/4.png">');
  assert.deepEqual(
    run.diagnostics.map((diagnostic) => diagnostic.code),
    ['image-limit'],
  );
});

test('local: a copy that vanished from disk is downloaded again', async () => {
  const { folder, requests, run } = setup(LOCAL, {
    'https://img.example/a.png': page('https://img.example/a.png', PNG('a')),
  });
  await run([item('1', '<img src="https://img.example/a.png">')]);
  folder.files.clear();
  const again = await run([item('1', '<img src="https://img.example/a.png">')]);
  assert.equal(folder.files.size, 1);
  assert.equal(requests.get('https://img.example/a.png'), 2);
  assert.match(again.items[0]!.body, /\/blog\/images\/feedmill\/[0-9a-f]{64}\.png/);
});

test('proxy: body, srcset and post image go through the template; nothing is fetched', async () => {
  const { requests, run } = setup({ mode: 'proxy', template: 'https://proxy.example/?url={url}' }, {});
  const result = await run([
    item(
      '1',
      '<img src="https://img.example/a.png?x=1" srcset="https://img.example/b.png 2x">',
      'https://img.example/a.png?x=1',
    ),
  ]);
  assert.equal(
    result.items[0]!.body,
    '<img src="https://proxy.example/?url=https%3A%2F%2Fimg.example%2Fa.png%3Fx%3D1" srcset="https://proxy.example/?url=https%3A%2F%2Fimg.example%2Fb.png 2x">',
  );
  assert.equal(
    result.items[0]!.headImage,
    'https://proxy.example/?url=https%3A%2F%2Fimg.example%2Fa.png%3Fx%3D1',
  );
  assert.equal(requests.size, 0);
});

test('hotlink leaves items untouched', async () => {
  const { run } = setup({ mode: 'hotlink' }, {});
  const original = item('1', '<img src="https://img.example/a.png">', 'https://img.example/a.png');
  assert.deepEqual((await run([original])).items, [original]);
});

test('local without an image folder (a target that names none) keeps images remote and says why', async () => {
  const processor = createImagesProcessor();
  const diagnostics: Diagnostic[] = [];
  const original = item('1', '<img src="https://img.example/a.png">');
  const out = await processor.process([original], {
    subscription: {
      name: 'f',
      source: 'f',
      locations: [],
      categories: [],
      limit: 1,
      timezone: 'UTC',
      images: LOCAL,
    },
    feed: { version: 'https://jsonfeed.org/version/1.1', title: 'Feed', items: [] },
    now: new Date(),
    fetchPage: fakeFetcher({}).fetcher,
    cache: { get: () => undefined, set: () => undefined },
    known: new Set(),
    diagnostics,
  });
  assert.deepEqual(out, [original]);
  assert.match(diagnostics[0]!.message, /needs an image folder/);
});

test('local: a copy is on disk before it is recorded, and a failed write records nothing', async () => {
  const { run, store, folder } = setup(LOCAL, {
    'https://img.example/a.png': page('https://img.example/a.png', PNG('a')),
  });
  const put = folder.put;
  const seen: unknown[] = [];
  folder.put = async (file) => {
    // Nothing refers to the copy while it is being written.
    seen.push(store.images.find('https://img.example/a.png'));
    throw new FeedmillError('WRITE_FAILED', `cannot write ${file}: ENOSPC`);
  };
  await assert.rejects(run([item('1', '<img src="https://img.example/a.png">')]), /ENOSPC/);
  assert.deepEqual(seen, [undefined]);
  assert.equal(store.images.find('https://img.example/a.png'), undefined);
  folder.put = put;
  const again = await run([item('1', '<img src="https://img.example/a.png">')]);
  assert.match(again.items[0]!.body, /\/blog\/images\/feedmill\//);
  assert.equal(store.images.find('https://img.example/a.png')?.kind, 'file');
});
