import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FeedmillError } from '../../src/errors.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS, fetchFirst } from '../../src/fetch/index.ts';
import { instanceSecrets, redactingFetcher, toInstances } from '../../src/rsshub/index.ts';
import { resolveLocations } from '../../src/subscriptions/index.ts';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';

const servers: Record<string, FakeRsshub> = {};
before(async () => {
  for (const status of [403, 404, 429, 500, 503]) servers[status] = await startFakeRsshub({ status });
  servers.good = await startFakeRsshub({ key: 'top-secret' });
});
after(async () => {
  for (const server of Object.values(servers)) await server.close();
});

/** A port nothing listens on: a closed fake's. */
async function deadUrl(): Promise<string> {
  const dead = await startFakeRsshub();
  await dead.close();
  return dead.url;
}

async function fetchVia(first: string) {
  const instances = toInstances([first, { url: servers.good!.url, key: 'top-secret' }]);
  const fetcher = redactingFetcher(
    createFetcher({ ...DEFAULT_FETCH_OPTIONS, timeoutMs: 2000 }),
    instanceSecrets(instances),
  );
  return fetchFirst(fetcher, resolveLocations('rsshub:/sina/finance/china', instances, '/'), {});
}

for (const status of [403, 429, 500, 503]) {
  test(`HTTP ${status} from the first instance falls back to the next`, async () => {
    const result = await fetchVia(servers[status]!.url);
    assert.equal(result.kind, 'fetched');
    assert.equal(result.location.kind === 'http' && result.location.instance, `${servers.good!.url}/`);
    assert.equal(result.url, `${servers.good!.url}/sina/finance/china?key=***`);
  });
}

test('a network error falls back to the next instance', async () => {
  const result = await fetchVia(await deadUrl());
  assert.equal(result.location.kind === 'http' && result.location.instance, `${servers.good!.url}/`);
});

test('a 404 falls back to the next instance: that one may have the route', async () => {
  // RSSHub answers 404 only when it has no route for the path (lib/errors: NotFoundError, "The
  // route does not exist or has been deleted"); a route that fails answers 503. Which routes an
  // instance has depends on its version and on DISABLE_NSFW.
  const result = await fetchVia(servers[404]!.url);
  assert.equal(result.kind, 'fetched');
  assert.equal(result.location.kind === 'http' && result.location.instance, `${servers.good!.url}/`);
});

test('a 404 from every instance stands as a 404', async () => {
  const instances = toInstances([
    servers[404]!.url,
    { url: `${servers.good!.url}/missing`, key: 'top-secret' },
  ]);
  const fetcher = redactingFetcher(createFetcher(DEFAULT_FETCH_OPTIONS), instanceSecrets(instances));
  await assert.rejects(
    fetchFirst(fetcher, resolveLocations('rsshub:/a/b', instances, '/'), {}),
    (error: FeedmillError) => {
      assert.equal(error.code, 'FETCH_HTTP_STATUS');
      assert.equal(error.context.status, 404);
      return true;
    },
  );
  fetcher.close?.();
});

test('a body too large is final: it would be as large elsewhere', async () => {
  const before = servers.good!.requests.length;
  const instances = toInstances([
    { url: servers.good!.url, key: 'top-secret' },
    { url: `${servers.good!.url}/other`, key: 'top-secret' },
  ]);
  const fetcher = createFetcher({ ...DEFAULT_FETCH_OPTIONS, maxBytes: 64 });
  await assert.rejects(fetchFirst(fetcher, resolveLocations('rsshub:/a/b', instances, '/'), {}));
  assert.equal(servers.good!.requests.length, before + 1);
  fetcher.close?.();
});

test('when every instance fails, the last answer stands, with the key masked', async () => {
  const instances = toInstances([servers[503]!.url, { url: servers[429]!.url, key: 'top-secret' }]);
  const fetcher = redactingFetcher(createFetcher(DEFAULT_FETCH_OPTIONS), instanceSecrets(instances));
  // 503 and 429 are polling answers (retry later), not errors: the last instance's is returned.
  const result = await fetchFirst(fetcher, resolveLocations('rsshub:/a/b', instances, '/'), {});
  assert.equal(result.kind, 'retry-later');
  assert.equal(result.kind === 'retry-later' && result.status, 429);
  assert.match(result.url, /key=\*\*\*/);
  assert.doesNotMatch(result.url, /top-secret/);
  const failing = redactingFetcher(createFetcher(DEFAULT_FETCH_OPTIONS), instanceSecrets(instances));
  const dead = toInstances([await deadUrl(), { url: await deadUrl(), key: 'top-secret' }]);
  await assert.rejects(
    fetchFirst(failing, resolveLocations('rsshub:/a/b', dead, '/'), {}),
    (error: FeedmillError) => {
      assert.match(error.message, /every source failed/);
      assert.doesNotMatch(error.message, /top-secret/);
      return true;
    },
  );
  fetcher.close?.();
  failing.close?.();
});
