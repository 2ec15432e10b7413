import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Diagnostic, FeedmillError } from '../../errors.ts';
import type { FullTextOptions, Item, Subscription } from '../../model.ts';
import type { FetchedPage, ProcessContext, ProcessorCache } from '../item-processor.ts';
import { createFullTextProcessor } from './full-text-processor.ts';

const LONG = 'The whole article says a great deal more than the feed summary does. '.repeat(12);
const articlePage = (body = LONG) =>
  `<html><head><title>A</title></head><body><nav><a href="/">Home</a></nav><article><h1>A</h1><p>${body}</p><p><a href="more">more</a></p></article><footer>© site</footer></body></html>`;

const item = (key: string, url?: string, html = '<p>Only the summary.</p>'): Item => ({
  key,
  ...(url === undefined ? {} : { url }),
  title: key,
  html,
  published: new Date(0),
  publishedKnown: true,
  authors: [],
  tags: [],
});

type Answer = string | { body: string; contentType?: string; url?: string } | Error;

/** A run's context with a fake page fetcher answering from `pages` and counting requests. */
function harness(fullText: FullTextOptions | undefined, pages: Record<string, Answer>) {
  const values = new Map<string, string>();
  const cache: ProcessorCache = {
    get: (processor, key) => values.get(`${processor}\n${key}`),
    set: (processor, key, value) => void values.set(`${processor}\n${key}`, value),
  };
  const requests: string[] = [];
  const run = async (items: Item[], known: string[] = []) => {
    const diagnostics: Diagnostic[] = [];
    const context: ProcessContext = {
      subscription: {
        name: 'f',
        source: 'f',
        locations: [],
        categories: [],
        limit: 15,
        timezone: 'UTC',
        ...(fullText ? { fullText } : {}),
      } as Subscription,
      feed: { version: 'https://jsonfeed.org/version/1.1', title: 'f', items: [] },
      now: new Date(0),
      fetchPage: {
        async get(url): Promise<FetchedPage> {
          requests.push(url);
          const answer = pages[url];
          if (answer === undefined)
            throw new FeedmillError('FETCH_HTTP_STATUS', `HTTP 404 from ${url}`, { status: 404 });
          if (answer instanceof Error) throw answer;
          const page = typeof answer === 'string' ? { body: answer } : answer;
          return {
            url: page.url ?? url,
            body: Buffer.from(page.body),
            contentType: page.contentType ?? 'text/html; charset=utf-8',
          };
        },
      },
      cache,
      known: new Set(known),
      diagnostics,
    };
    const out = await createFullTextProcessor().process(items, context);
    return { out, diagnostics: diagnostics.map((one) => `${one.item}: ${one.code}`) };
  };
  return { run, requests, values, pages };
}

const page: FullTextOptions = { kind: 'page', remove: [] };

test('a summary becomes the article, with URLs absolute against the page, fetched once', async () => {
  const { run, requests } = harness(page, { 'https://a.example/news/1': articlePage() });
  const first = await run([item('1', 'https://a.example/news/1')]);
  assert.deepEqual(first.diagnostics, []);
  assert.match(first.out[0]!.html, /whole article says/);
  assert.match(first.out[0]!.html, /href="https:\/\/a\.example\/news\/more"/);
  assert.doesNotMatch(first.out[0]!.html, /© site|Home/);
  const second = await run([item('1', 'https://a.example/news/1')], ['1']);
  assert.equal(second.out[0]!.html, first.out[0]!.html);
  assert.deepEqual(requests, ['https://a.example/news/1']);
});

test('a failed page keeps the feed content, is retried on two more runs, then left alone', async () => {
  const { run, requests, pages } = harness(page, {});
  const url = 'https://a.example/flaky';
  const first = await run([item('1', url)]);
  assert.equal(first.out[0]!.html, '<p>Only the summary.</p>');
  assert.deepEqual(first.diagnostics, ['1: full-text-fetch-failed']);
  await run([item('1', url)], ['1']);
  const third = await run([item('1', url)], ['1']);
  assert.deepEqual(third.diagnostics, ['1: full-text-fetch-failed']);
  const fourth = await run([item('1', url)], ['1']);
  assert.deepEqual(fourth.diagnostics, [], 'a settled failure is not reported again');
  assert.equal(requests.length, 3);
  // Had the page come back on a retry, the article would have replaced the summary.
  pages[url] = articlePage();
  assert.equal((await run([item('1', url)], ['1'])).out[0]!.html, '<p>Only the summary.</p>');
});

test('a page over the size cap or on a refused address is not tried again', async () => {
  const { run, requests } = harness(page, {
    'https://a.example/huge': new FeedmillError('FETCH_TOO_LARGE', 'over 5 MiB'),
    'http://10.0.0.1/private': new FeedmillError('FETCH_REFUSED', 'private address'),
  });
  const items = [item('1', 'https://a.example/huge'), item('2', 'http://10.0.0.1/private')];
  assert.deepEqual((await run(items)).diagnostics.sort(), [
    '1: full-text-fetch-failed',
    '2: full-text-fetch-failed',
  ]);
  await run(items, ['1', '2']);
  assert.equal(requests.length, 2);
});

test("a host busy with other workers' fetches costs the page none of its attempts", async () => {
  const url = 'https://a.example/busy';
  const busy = new FeedmillError('HOST_BUSY', 'every fetch slot of a.example is held by other workers');
  const { run, requests, pages } = harness(page, { [url]: busy });
  // More busy runs than the page has attempts: it is still asked for once the host is free.
  for (let runs = 0; runs < 4; runs++)
    assert.deepEqual((await run([item('1', url)], runs === 0 ? [] : ['1'])).diagnostics, [
      '1: full-text-fetch-failed',
    ]);
  pages[url] = articlePage();
  assert.match((await run([item('1', url)], ['1'])).out[0]!.html, /whole article says/);
  assert.equal(requests.length, 5);
});

test('a failure after a new link keeps the article written before: the post does not change', async () => {
  const { run, pages } = harness(page, { 'https://a.example/1': articlePage() });
  const first = await run([item('1', 'https://a.example/1')]);
  pages['https://a.example/1-moved'] = new FeedmillError('FETCH_TIMEOUT', 'timed out');
  const moved = await run([item('1', 'https://a.example/1-moved')], ['1']);
  assert.equal(moved.out[0]!.html, first.out[0]!.html);
  assert.deepEqual(moved.diagnostics, ['1: full-text-fetch-failed']);
});

test('an article with less text than the feed keeps the feed content, and says so once', async () => {
  const full = `<p>${LONG}${LONG}</p>`;
  const { run, requests } = harness(page, { 'https://a.example/1': articlePage() });
  const first = await run([item('1', 'https://a.example/1', full)]);
  assert.equal(first.out[0]!.html, full);
  assert.deepEqual(first.diagnostics, ['1: full-text-shorter']);
  const second = await run([item('1', 'https://a.example/1', full)], ['1']);
  assert.equal(second.out[0]!.html, full);
  assert.deepEqual(second.diagnostics, []);
  assert.equal(requests.length, 1);
});

test('no link, not HTML and no article each keep the feed content with their own code', async () => {
  const { run, requests } = harness(page, {
    'https://a.example/pdf': { body: '%PDF-1.7', contentType: 'application/pdf' },
    'https://a.example/empty': '<html><body><div></div></body></html>',
  });
  const items = [
    item('a'),
    item('b', 'https://a.example/pdf'),
    item('c', 'https://a.example/empty'),
    item('d', 'mailto:x@a.example'),
  ];
  const first = await run(items);
  assert.deepEqual(
    first.out.map((one) => one.html),
    items.map((one) => one.html),
  );
  assert.deepEqual(first.diagnostics.sort(), [
    'a: full-text-no-link',
    'b: full-text-not-html',
    'c: full-text-not-found',
    'd: full-text-no-link',
  ]);
  const second = await run(items, ['a', 'b', 'c', 'd']);
  assert.deepEqual(second.diagnostics, []);
  assert.equal(requests.length, 2, 'a page without an article is not fetched again');
});

test('a configured selector, else a built-in site rule; a changed rule re-extracts', async () => {
  const html = `<html><body><div id="artibody"><p>${LONG}</p><div class="appendQr_wrap">QR code</div></div><div class="side"><p>${LONG}${LONG}</p></div></body></html>`;
  const url = 'https://finance.sina.com.cn/x.shtml';
  const site = harness(page, { [url]: html });
  const built = await site.run([item('1', url)]);
  assert.match(built.out[0]!.html, /^<div id="artibody">/);
  assert.doesNotMatch(built.out[0]!.html, /QR code|class="side"/);
  const own = harness({ kind: 'page', selector: '.side', remove: [] }, { [url]: html });
  assert.match((await own.run([item('1', url)])).out[0]!.html, /^<div class="side">/);
  // The same cache with another rule fetches once more.
  const changing = harness(page, { [url]: html });
  await changing.run([item('1', url)]);
  const values = changing.values;
  const again = harness({ kind: 'page', selector: '.side', remove: [] }, { [url]: html });
  for (const [key, value] of values) again.values.set(key, value);
  await again.run([item('1', url)], ['1']);
  await again.run([item('1', url)], ['1']);
  assert.equal(again.requests.length, 1);
});

test('feeds without page full text are passed through untouched', async () => {
  for (const options of [undefined, { kind: 'rsshub' } as const]) {
    const { run, requests } = harness(options, {});
    const items = [item('1', 'https://a.example/1')];
    assert.deepEqual((await run(items)).out, items);
    assert.equal(requests.length, 0);
  }
});

test('a page that several items of the feed link to is the article of none, and is not fetched', async () => {
  // A feed whose items all link to the home page, or to anchors of one changelog page: each
  // post would become the same whole page.
  const { run, requests } = harness(page, {
    'https://a.example/': articlePage(),
    'https://a.example/changes': articlePage(),
    'https://a.example/news/3': articlePage(),
  });
  const items = [
    item('1', 'https://a.example/'),
    item('2', 'https://a.example/'),
    item('3', 'https://a.example/news/3'),
    item('4', 'https://a.example/changes#v1.1'),
    item('5', 'https://a.example/changes#v1.0'),
  ];
  const first = await run(items);
  assert.deepEqual(
    first.out.map((one) => one.html === '<p>Only the summary.</p>'),
    [true, true, false, true, true],
  );
  assert.deepEqual(first.diagnostics.sort(), [
    '1: full-text-not-found',
    '2: full-text-not-found',
    '4: full-text-not-found',
    '5: full-text-not-found',
  ]);
  assert.deepEqual(requests, ['https://a.example/news/3']);
  const second = await run(items, ['1', '2', '3', '4', '5']);
  assert.deepEqual(second.diagnostics, []);
  assert.equal(requests.length, 1);
});

test('once a host timed out, its other pages are not asked for in the run, and no attempt counts', async () => {
  const timeout = new FeedmillError(
    'FETCH_TIMEOUT',
    'no complete answer from https://dead.example/1 within 30 s',
  );
  const { run, requests, values } = harness(page, {
    'https://dead.example/1': timeout,
    'https://dead.example/2': timeout,
    'https://dead.example/3': timeout,
    'https://live.example/4': articlePage(),
  });
  const items = ['1', '2', '3'].map((key) => item(key, `https://dead.example/${key}`));
  const first = await run([...items, item('4', 'https://live.example/4')]);
  // One request to the dead host, whatever the concurrency; the other host is not held up.
  assert.deepEqual(requests.sort(), ['https://dead.example/1', 'https://live.example/4']);
  assert.match(first.out[3]!.html, /whole article says/);
  assert.deepEqual(first.diagnostics.sort(), [
    '1: full-text-fetch-failed',
    '2: full-text-fetch-failed',
    '3: full-text-fetch-failed',
  ]);
  const attempts = (key: string) => JSON.parse(values.get(`full-text\n${key}`)!).attempts;
  assert.deepEqual(['1', '2', '3'].map(attempts), [1, 0, 0]);
  // The next run asks again (a new processor per run and feed).
  requests.length = 0;
  await run(items);
  assert.deepEqual(requests, ['https://dead.example/1']);
  assert.deepEqual(['1', '2', '3'].map(attempts), [2, 0, 0]);
});
