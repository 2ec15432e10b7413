import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/index.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import type { AsyncStore, CachedDocument } from '../store/index.ts';
import { loadWorkerCatalogue } from './load-worker-catalogue.ts';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const ROUTES = [{ namespace: 'cached', path: '/cached/route', name: 'Cached' }];
const namespaces = JSON.stringify({
  github: {
    name: 'GitHub',
    categories: ['programming'],
    routes: { '/issue/:user/:repo': { path: '/issue/:user/:repo', name: 'Issues' } },
  },
});
const loaded = parseConfig(
  'hexo: .\nrsshub:\n  instances: [http://rsshub.test]\n  catalogue_ttl_hours: 24\nfeeds:\n  - url: rsshub:/github/issue/a/b\n',
  '/site/feedmill.yml',
);

/** A fetcher that answers every request with the namespace list, counting the requests. */
function namespaceFetcher(): Fetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetch(location): Promise<FetchResult> {
      const url = location.kind === 'http' ? location.url : location.path;
      asked.push(url);
      return { kind: 'fetched', body: new TextEncoder().encode(namespaces), url, validators: {} };
    },
  };
}

/** The two cache methods of a store, over one document; `failWrites` makes saving fail. */
function cacheStore(document: CachedDocument | undefined, failWrites = false) {
  const written: CachedDocument[] = [];
  const store = {
    readCache: async () => document,
    writeCache: async (_name: string, saved: CachedDocument) => {
      if (failWrites) throw new Error('connection lost');
      written.push(saved);
    },
  } as Pick<AsyncStore, 'readCache' | 'writeCache'> as AsyncStore;
  return { store, written };
}

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

test('a fresh catalogue in the state is used without asking an instance', async () => {
  const fetcher = namespaceFetcher();
  const { store, written } = cacheStore({
    source: 'earlier',
    loadedAt: hoursAgo(1),
    body: JSON.stringify(ROUTES),
  });
  const load = await loadWorkerCatalogue(loaded, { store, fetcher, now: () => NOW });
  assert.equal(load.from, 'cache');
  assert.deepEqual(load.catalogue?.routes, ROUTES);
  assert.deepEqual(fetcher.asked, []);
  assert.deepEqual(written, []);
});

test('a catalogue older than the TTL is fetched again and saved to the state', async () => {
  const fetcher = namespaceFetcher();
  const { store, written } = cacheStore({
    source: 'earlier',
    loadedAt: hoursAgo(25),
    body: JSON.stringify(ROUTES),
  });
  const load = await loadWorkerCatalogue(loaded, { store, fetcher, now: () => NOW });
  assert.equal(load.from, 'instance');
  assert.deepEqual(fetcher.asked, ['http://rsshub.test/api/namespace']);
  assert.equal(written.length, 1);
  assert.equal(written[0]?.loadedAt, NOW.toISOString());
  assert.deepEqual(JSON.parse(written[0]!.body), load.catalogue?.routes);
});

test('a damaged document is a miss; a failed save is a warning, the catalogue is used', async () => {
  const fetcher = namespaceFetcher();
  const { store } = cacheStore({ source: 'earlier', loadedAt: hoursAgo(1), body: '{not json' }, true);
  const load = await loadWorkerCatalogue(loaded, { store, fetcher, now: () => NOW });
  assert.equal(load.from, 'instance');
  assert.ok(load.catalogue?.routes.some((route) => route.path === '/github/issue/:user/:repo'));
  assert.match(load.diagnostics.map((d) => d.message).join('\n'), /could not be cached: connection lost/);
});
