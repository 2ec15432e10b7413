import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createFetcher, DEFAULT_FETCH_OPTIONS } from '../../src/fetch/index.ts';
import {
  type CatalogueSources,
  instanceSecrets,
  loadCatalogue,
  openCatalogueCache,
  redactingFetcher,
} from '../../src/rsshub/index.ts';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';

let good: FakeRsshub;
let failing: FakeRsshub;
let dir: string;
before(async () => {
  good = await startFakeRsshub({ key: 'k-123' });
  failing = await startFakeRsshub({ status: 503 });
  dir = mkdtempSync(join(tmpdir(), 'feedmill-catalogue-'));
});
after(async () => {
  await good.close();
  await failing.close();
  rmSync(dir, { recursive: true, force: true });
});

const docs = join(import.meta.dirname, 'fixtures', 'docs-v1');

function sources(overrides: Partial<CatalogueSources>): CatalogueSources {
  const instances = [{ url: failing.url }, { url: good.url, key: 'k-123' }];
  return {
    instances,
    docs: [],
    fetcher: redactingFetcher(
      createFetcher({ ...DEFAULT_FETCH_OPTIONS, timeoutMs: 2000 }),
      instanceSecrets(instances),
    ),
    ttlMs: 3_600_000,
    now: () => new Date('2026-12-01T00:00:00Z'),
    ...overrides,
  };
}

test('the catalogue comes from the next instance when the first fails, and is cached', async () => {
  const cache = openCatalogueCache(join(dir, 'a', 'state.db'));
  try {
    const load = await loadCatalogue(sources({ cache }));
    assert.equal(load.from, 'instance');
    assert.equal(load.catalogue?.routes.length, 34);
    assert.equal(load.catalogue?.source, `${good.url}/api/namespace`);
    assert.match(load.diagnostics[0]!.message, /503/);
    assert.equal(good.requests.at(-1), '/api/namespace?key=k-123');
    const again = await loadCatalogue(sources({ cache, now: () => new Date('2026-12-01T00:30:00Z') }));
    assert.equal(again.from, 'cache');
    assert.equal(again.catalogue?.routes.length, 34);
    const requests = good.requests.length;
    const expired = await loadCatalogue(sources({ cache, now: () => new Date('2026-12-01T02:00:00Z') }));
    assert.equal(expired.from, 'instance');
    assert.equal(good.requests.length, requests + 1);
    const refreshed = await loadCatalogue(sources({ cache, refresh: true }));
    assert.equal(refreshed.from, 'instance');
  } finally {
    cache.close();
  }
});

test('docs pages are the fallback when no instance answers, then a stale cache', async () => {
  const cache = openCatalogueCache(join(dir, 'b', 'state.db'));
  try {
    const load = await loadCatalogue(sources({ cache, instances: [{ url: failing.url }], docs: [docs] }));
    assert.equal(load.from, 'docs');
    assert.ok(load.catalogue?.routes.some((route) => route.path === '/sina/finance'));
    const stale = await loadCatalogue(
      sources({ cache, instances: [{ url: failing.url }], now: () => new Date('2027-01-01T00:00:00Z') }),
    );
    assert.equal(stale.from, 'stale-cache');
    assert.equal(stale.diagnostics.at(-1)!.code, 'rsshub-catalogue-stale');
  } finally {
    cache.close();
  }
});

test('a wrong key is refused (403) and never appears in the diagnostics', async () => {
  const instances = [{ url: good.url, key: 'wrong-key' }];
  const load = await loadCatalogue(
    sources({
      instances,
      fetcher: redactingFetcher(createFetcher(DEFAULT_FETCH_OPTIONS), instanceSecrets(instances)),
    }),
  );
  assert.equal(load.from, 'none');
  assert.match(load.diagnostics[0]!.message, /403/);
  assert.doesNotMatch(JSON.stringify(load.diagnostics), /wrong-key/);
});
