import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssFeed } from '../../test/http/make-feed.ts';
import type { Fetcher } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { HEXO_TARGET } from '../render/index.ts';
import { foldPath, openStore } from '../store/index.ts';
import type { PostWriter } from './apply-writes.ts';
import { runSync } from './run-sync.ts';

const subscription = (name: string): Subscription => ({
  name,
  source: `https://${name}.test/feed`,
  locations: [{ kind: 'http', url: `https://${name}.test/feed` }],
  categories: ['News', 'Site'],
  limit: 50,
  timezone: 'UTC',
});

/** Serves one feed per host, each answer delayed so that the feeds interleave. */
function fakeFetcher(titles: Record<string, string[]>): Fetcher {
  return {
    async fetch(location) {
      const url = location.kind === 'http' ? location.url : location.path;
      const host = new URL(url).hostname.replace('.test', '');
      await sleep(Math.random() * 5);
      const items = (titles[host] ?? []).map((title, index) => ({
        guid: `${host}-${index}`,
        title,
        html: `<p>${title}</p>`,
        date: new Date(Date.UTC(2026, 10, 1 + index)),
      }));
      return {
        kind: 'fetched',
        body: new TextEncoder().encode(rssFeed(host, items)),
        url,
        validators: {},
      };
    },
  };
}

/** Records writes; each write yields to the event loop, as the real one does. */
function fakeWriter(files: Map<string, string>): PostWriter {
  return {
    async write(path, content) {
      await sleep(Math.random() * 5);
      assert.ok(!files.has(path), `${path} written twice`);
      files.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
    },
    async remove(path) {
      files.delete(path);
    },
    async flush() {},
  };
}

test('posts whose names fold alike get distinct files across feeds running at once and across runs', async () => {
  const store = openStore(':memory:');
  const files = new Map<string, string>();
  // A post the user wrote by hand, which feedmill must not overwrite.
  const onDisk = new Set(['News/Site/hand-made.md']);
  const deps = {
    fetcher: fakeFetcher({
      a: ['Hello', 'Straße', 'Hand-Made'],
      b: ['HELLO', 'STRASSE'],
      c: ['hello', 'hello'],
      d: ['Café', 'Cafe\u0301'],
    }),
    store,
    writer: fakeWriter(files),
    namesIn: (folder: string) =>
      [...onDisk, ...files.keys()]
        .filter((path) => path.startsWith(`${folder}/`))
        .map((path) => path.slice(folder.length + 1)),
    now: () => new Date('2026-12-01T00:00:00Z'),
  };
  const first = await runSync(
    { subscriptions: ['a', 'b', 'c', 'd'].map(subscription), target: HEXO_TARGET, site: {}, concurrency: 4 },
    deps,
  );
  assert.deepEqual(
    first.feeds.map((feed) => feed.status),
    ['ok', 'ok', 'ok', 'ok'],
  );
  assert.equal(files.size, 9);
  const folded = [...files.keys(), ...onDisk].map(foldPath);
  assert.equal(new Set(folded).size, folded.length, `names collide: ${[...files.keys()].join(', ')}`);
  // The first claimant of a name keeps the plain one; the others get their item's suffix.
  assert.equal([...files.keys()].filter((path) => /\/hello\.md$/i.test(path)).length, 1);

  // A later run (a new feed) checks its names against the database, not only this run's.
  const later = await runSync(
    {
      subscriptions: [subscription('e')],
      target: HEXO_TARGET,
      site: {},
      concurrency: 1,
    },
    { ...deps, fetcher: fakeFetcher({ e: ['hElLo'] }) },
  );
  assert.equal(later.feeds[0]?.status, 'ok');
  assert.equal(files.size, 10);
  const all = [...files.keys()].map(foldPath);
  assert.equal(new Set(all).size, all.length);
  store.close();
});

test('a subscription waiting for its categories is failing, not fetched, and not backed off', async () => {
  const store = openStore(':memory:', { fsync: false });
  let fetched = 0;
  const fetcher: Fetcher = {
    async fetch() {
      fetched++;
      throw new Error('must not be fetched');
    },
  };
  const waiting: Subscription = {
    ...subscription('wait'),
    categories: [],
    waiting: {
      code: 'CATEGORIES_UNRESOLVED',
      message: 'categories of rsshub:/x are unknown until the RSSHub catalogue can be loaded',
    },
  };
  const files = new Map<string, string>();
  const deps = { fetcher, store, writer: fakeWriter(files), namesIn: () => [], now: () => new Date() };
  const options = { subscriptions: [waiting], target: HEXO_TARGET, site: {}, concurrency: 1 };
  for (const failures of [1, 1]) {
    const report = await runSync(options, deps);
    assert.deepEqual(report.feeds[0], {
      name: 'wait',
      status: 'failed',
      code: 'CATEGORIES_UNRESOLVED',
      message: 'categories of rsshub:/x are unknown until the RSSHub catalogue can be loaded',
      failures,
    });
  }
  assert.equal(fetched, 0);
  assert.equal(files.size, 0);
  const stored = store.feed(waiting.source);
  assert.equal(stored.nextCheck, undefined, 'no backoff delays the next run');
  assert.equal(stored.etag, undefined);
  assert.equal(stored.lastErrorCode, 'CATEGORIES_UNRESOLVED');
  assert.equal(stored.consecutiveFailures, 1, 'waiting counts once, so it cannot stretch a later backoff');
  store.close();
});

test('a stop (the signal aborts) starts no further feed; the feeds started finish and are reported', async () => {
  const store = openStore(':memory:', { fsync: false });
  const files = new Map<string, string>();
  const controller = new AbortController();
  const started: string[] = [];
  const report = await runSync(
    {
      subscriptions: ['a', 'b', 'c', 'd'].map(subscription),
      target: HEXO_TARGET,
      site: {},
      concurrency: 2,
      signal: controller.signal,
      onFeedStart: (feed) => {
        started.push(feed.name);
        if (feed.name === 'b') controller.abort(); // SIGTERM while a and b are in flight
      },
    },
    {
      fetcher: fakeFetcher({ a: ['A'], b: ['B'], c: ['C'], d: ['D'] }),
      store,
      writer: fakeWriter(files),
      namesIn: () => [],
      now: () => new Date('2026-12-01T00:00:00Z'),
    },
  );
  assert.deepEqual(started, ['a', 'b']);
  assert.deepEqual(
    report.feeds.map((feed) => `${feed.name} ${feed.status}`),
    ['a ok', 'b ok'],
  );
  assert.equal(files.size, 2, 'the feeds in flight wrote their posts');
  store.close();
});
