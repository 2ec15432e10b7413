import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bigRssFeed } from '../../test/http/make-feed.ts';
import { FeedmillError } from '../errors.ts';
import type { FeedBody } from './feed-body.ts';
import { OFF_THREAD_BYTES, type ReadItemsInput, readItems } from './read-items.ts';
import { readItemsNow } from './read-items-now.ts';
import { readItemsOffThread } from './read-items-off-thread.ts';

const GOLDEN = join(import.meta.dirname, '..', '..', 'test', 'golden', 'parse');
const NOW = new Date('2026-12-07T00:00:00Z');

function input(url: string, contentType?: string): ReadItemsInput {
  return {
    subscription: { name: 'feed', source: url, categories: [], limit: 10_000, timezone: 'Asia/Shanghai' },
    fetched: { url, ...(contentType === undefined ? {} : { contentType }) },
    now: NOW,
  };
}

const bytesOf = (name: string) => new Uint8Array(readFileSync(join(GOLDEN, name)));

// RSS, Atom (xhtml content), RDF, JSON Feed, a legacy encoding chosen by the HTTP charset, and
// a document with recovered damage (its diagnostics must come back too).
const documents: [string, string | undefined][] = [
  ['rss20-content-encoded.xml', undefined],
  ['atom10-content-xhtml.atom', undefined],
  ['rss10-rdf.rdf', undefined],
  ['jsonfeed11-basic.json', undefined],
  ['enc-http-charset-wins.xml', 'application/rss+xml; charset=GBK'],
  ['broken-truncated-mid-item.xml', undefined],
];

test('a worker reads a feed as the run itself does: items, feed fields, categories, diagnostics', async () => {
  for (const [name, contentType] of documents) {
    const expected = readItemsNow(
      { bytes: bytesOf(name) },
      input(`https://example.com/${name}`, contentType),
    );
    const actual = await readItemsOffThread(bytesOf(name), input(`https://example.com/${name}`, contentType));
    assert.deepEqual(actual, expected, name);
    assert.ok(expected.normalized.length > 0, name);
  }
});

test('a feed the worker cannot read fails with the same error as in the run', async () => {
  const bytes = bytesOf('jsonfeed-invalid-json.json');
  const url = 'https://example.com/broken.json';
  const expected = (() => {
    try {
      readItemsNow({ bytes: bytesOf('jsonfeed-invalid-json.json') }, input(url));
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  assert.ok(expected instanceof FeedmillError);
  await assert.rejects(readItemsOffThread(bytes, input(url)), (error: unknown) => {
    assert.ok(error instanceof FeedmillError);
    assert.equal(error.code, expected.code);
    assert.equal(error.message, expected.message);
    assert.deepEqual(error.context, expected.context);
    return true;
  });
});

test('the body is moved to the worker, not copied; a view of a larger buffer is copied first', async () => {
  const owned = bytesOf('rss20-content-encoded.xml');
  await readItemsOffThread(owned, input('https://example.com/a.xml'));
  // Moved: the run's bytes are gone from its thread (their memory went with the worker).
  assert.equal(owned.byteLength, 0);
  const whole = bytesOf('rss20-content-encoded.xml');
  const padded = new Uint8Array(whole.length + 16);
  padded.set(whole, 8);
  const view = padded.subarray(8, 8 + whole.length);
  const read = await readItemsOffThread(view, input('https://example.com/b.xml'));
  assert.equal(view.byteLength, whole.length);
  assert.deepEqual(view, whole);
  assert.ok(read.normalized.length > 0);
});

test('readItems sends a body of OFF_THREAD_BYTES or more to a worker and reads smaller ones itself', async () => {
  const small = bytesOf('rss20-content-encoded.xml');
  const smallBody: FeedBody = { bytes: small };
  const smallRead = await readItems(smallBody, input('https://example.com/small.xml'));
  assert.equal(smallBody.bytes, undefined);
  // Read in this thread: the bytes were not moved anywhere.
  assert.equal(small.byteLength, readFileSync(join(GOLDEN, 'rss20-content-encoded.xml')).length);
  assert.ok(smallRead.normalized.length > 0);

  const big = new TextEncoder().encode(bigRssFeed(OFF_THREAD_BYTES + 1024));
  const expected = readItemsNow({ bytes: big.slice() }, input('https://example.com/big.xml'));
  const bigBody: FeedBody = { bytes: big };
  const bigRead = await readItems(bigBody, { ...input('https://example.com/big.xml') });
  assert.equal(bigBody.bytes, undefined);
  assert.equal(big.byteLength, 0, 'a big body is moved to a worker');
  assert.ok(bigRead.normalized.length > 1_500);
  assert.deepEqual(bigRead, expected);
});

test('at most two big feeds are read in workers at once, whatever the concurrency', async (t) => {
  if (process.platform !== 'linux') return t.skip('counts threads in /proc');
  const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  const feed = new TextEncoder().encode(bigRssFeed(1024 * 1024));
  /** The most threads added while `count` feeds are read at once. */
  const mostAdded = async (count: number) => {
    const before = threads();
    let most = before;
    const sampler = setInterval(() => {
      most = Math.max(most, threads());
    }, 2);
    const reads = Array.from({ length: count }, (_unused, index) =>
      readItemsOffThread(feed.slice(), input(`https://example.com/${index}.xml`)),
    );
    const read = await Promise.all(reads);
    clearInterval(sampler);
    assert.ok(read.every((each) => each.normalized.length === read[0]!.normalized.length));
    return most - before;
  };
  // What one worker adds (its thread, and what Node starts with it).
  const one = await mostAdded(1);
  assert.ok(one >= 1, 'no worker seen');
  const five = await mostAdded(5);
  assert.ok(five > one, `one worker at a time (${one} vs ${five} threads)`);
  assert.ok(five <= 2 * one, `${five / one} workers at once`);
});
