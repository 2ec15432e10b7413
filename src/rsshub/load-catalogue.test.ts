import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import type { FeedLocation } from '../model.ts';
import type { InstanceHealth } from './instance-health.ts';
import { instanceHealthFetcher } from './instance-health-fetcher.ts';
import { instanceLabel } from './instances.ts';
import { loadCatalogue } from './load-catalogue.ts';

const A = { url: 'http://a.example' };
const B = { url: 'http://b.example' };

const namespaces = JSON.stringify({
  github: {
    name: 'GitHub',
    categories: ['programming'],
    routes: { '/issue/:user/:repo': { path: '/issue/:user/:repo', name: 'Issues' } },
  },
});

test('the catalogue is not asked of an instance cooling down while another is not', async () => {
  const asked: FeedLocation[] = [];
  const inner: Fetcher = {
    async fetch(location): Promise<FetchResult> {
      asked.push(location);
      const url = location.kind === 'http' ? location.url : location.path;
      return { kind: 'fetched', body: new TextEncoder().encode(namespaces), url, validators: {} };
    },
  };
  const cooling: InstanceHealth = {
    instance: instanceLabel(A),
    consecutiveFailures: 3,
    coolingUntil: '2026-01-01T00:30:00.000Z',
    lastError: 'HTTP 503',
  };
  const rows = new Map([[cooling.instance, cooling]]);
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: instanceLabel(A) }, { label: instanceLabel(B) }],
    store: { read: () => [...rows.values()], write: (row) => rows.set(row.instance, row), close() {} },
    policy: { after: 3, durationMs: 30 * 60_000 },
    now: () => new Date('2026-01-01T00:10:00Z'),
  });
  const load = await loadCatalogue({
    instances: [A, B],
    docs: [],
    fetcher,
    ttlMs: 0,
    now: () => new Date('2026-01-01T00:10:00Z'),
  });
  assert.equal(load.from, 'instance');
  assert.deepEqual(
    asked.map((location) => (location.kind === 'http' ? location.url : '')),
    ['http://b.example/api/namespace'],
  );
  assert.match(load.diagnostics[0]?.message ?? '', /cooling down/);
  // The answer counts in B's health.
  assert.equal(rows.get(instanceLabel(B))?.consecutiveFailures, 0);
  assert.ok(rows.get(instanceLabel(B))?.lastSuccess);
});
