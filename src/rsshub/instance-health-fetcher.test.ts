import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { FeedRequest, Fetcher, FetchResult } from '../fetch/index.ts';
import {
  type InstanceHealth,
  type InstanceHealthStore,
  nextHealth,
  openInstanceHealthStore,
} from './instance-health.ts';
import { instanceHealthFetcher } from './instance-health-fetcher.ts';
import { redactingFetcher } from './redacting-fetcher.ts';

const A = 'http://a.example/';
const B = 'http://b.example/';
const policy = { after: 3, durationMs: 30 * 60_000 };

function memoryStore(
  rows: InstanceHealth[] = [],
): InstanceHealthStore & { rows: Map<string, InstanceHealth> } {
  const map = new Map(rows.map((row) => [row.instance, row]));
  return { rows: map, read: () => [...map.values()], write: (row) => map.set(row.instance, row), close() {} };
}

const ok = (url: string): FetchResult => ({ kind: 'fetched', body: new Uint8Array(), url, validators: {} });

test('the third failure in a row starts a cool-down; an answer ends it', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const failed = { kind: 'failed', error: 'HTTP 503' } as const;
  let health: InstanceHealth = { instance: A, consecutiveFailures: 0 };
  health = nextHealth(health, failed, now, policy);
  health = nextHealth(health, failed, now, policy);
  assert.equal(health.coolingUntil, undefined);
  health = nextHealth(health, failed, now, policy);
  assert.equal(health.coolingUntil, '2026-01-01T00:30:00.000Z');
  assert.equal(health.consecutiveFailures, 3);
  // A longer Retry-After wins, up to a day.
  assert.equal(
    nextHealth(health, { ...failed, retryAfterMs: 2 * 3_600_000 }, now, policy).coolingUntil,
    '2026-01-01T02:00:00.000Z',
  );
  assert.equal(
    nextHealth(health, { ...failed, retryAfterMs: 90 * 3_600_000 }, now, policy).coolingUntil,
    '2026-01-02T00:00:00.000Z',
  );
  assert.equal(nextHealth(health, { kind: 'neutral' }, now, policy), health);
  assert.deepEqual(nextHealth(health, { kind: 'answered' }, now, policy), {
    instance: A,
    consecutiveFailures: 0,
    lastSuccess: now.toISOString(),
  });
});

test('a cooling instance is skipped without a request while another is not; it expires', async () => {
  let now = new Date('2026-01-01T00:00:00Z');
  const store = memoryStore([
    { instance: A, consecutiveFailures: 3, coolingUntil: '2026-01-01T00:30:00.000Z', lastError: 'HTTP 503' },
  ]);
  const requested: string[] = [];
  const inner: Fetcher = {
    fetch: async (location) => {
      requested.push(location.kind === 'http' ? location.url : location.path);
      return ok(location.kind === 'http' ? location.url : '');
    },
  };
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: A }, { label: B }],
    store,
    policy,
    now: () => now,
  });
  await assert.rejects(
    fetcher.fetch({ kind: 'http', url: `${A}x`, instance: A }, {}),
    (error: FeedmillError) =>
      error.code === 'FETCH_FAILED' &&
      /^skipped http:\/\/a\.example\/: cooling down until 2026-01-01T00:30:00\.000Z after 3 failures in a row \(last: HTTP 503\)$/.test(
        error.message,
      ),
  );
  await fetcher.fetch({ kind: 'http', url: `${B}x`, instance: B }, {});
  assert.deepEqual(requested, [`${B}x`]);
  assert.equal(store.rows.get(B)?.consecutiveFailures, 0);
  // Once the cool-down has run out the instance is tried again, and an answer clears it.
  now = new Date('2026-01-01T00:31:00Z');
  await fetcher.fetch({ kind: 'http', url: `${A}x`, instance: A }, {});
  assert.deepEqual(requested, [`${B}x`, `${A}x`]);
  assert.equal(store.rows.get(A)?.coolingUntil, undefined);
  // Plain URLs and files pass through untouched.
  await fetcher.fetch({ kind: 'http', url: 'http://site.example/feed' }, {});
  assert.equal(store.rows.size, 2);
});

test("rows read again (other workers') replace what the fetcher holds only when newer", async () => {
  let now = new Date('2026-01-01T01:00:00Z');
  const store = memoryStore([
    { instance: A, consecutiveFailures: 0, lastSuccess: '2026-01-01T00:10:00.000Z' },
  ]);
  let again: InstanceHealth[] = [];
  const requested: string[] = [];
  const fetcher = instanceHealthFetcher(
    {
      fetch: async (location) => {
        requested.push(location.kind === 'http' ? location.url : location.path);
        return ok(location.kind === 'http' ? location.url : '');
      },
    },
    {
      instances: [{ label: A }, { label: B }],
      store: {
        ...store,
        readAgain: () => {
          const taken = again;
          again = [];
          return taken;
        },
      },
      policy,
      now: () => now,
    },
  );
  // Older than what the fetcher holds (its own success at 00:10): ignored.
  again = [
    {
      instance: A,
      consecutiveFailures: 3,
      coolingUntil: '2026-01-01T02:00:00.000Z',
      lastFailure: '2026-01-01T00:05:00.000Z',
    },
  ];
  await fetcher.fetch({ kind: 'http', url: `${A}x`, instance: A }, {});
  assert.deepEqual(requested, [`${A}x`]);
  // Another worker's cool-down, heard later than this fetcher's last answer (01:00): honoured.
  now = new Date('2026-01-01T01:01:00Z');
  again = [
    {
      instance: A,
      consecutiveFailures: 3,
      coolingUntil: '2026-01-01T02:00:00.000Z',
      lastFailure: '2026-01-01T01:00:30.000Z',
    },
  ];
  await assert.rejects(
    fetcher.fetch({ kind: 'http', url: `${A}y`, instance: A }, {}),
    /skipped http:\/\/a\.example\//,
  );
  assert.deepEqual(requested, [`${A}x`]);
});

test('when every instance is cooling, none is skipped', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const until = '2026-01-01T00:30:00.000Z';
  const store = memoryStore([
    { instance: A, consecutiveFailures: 3, coolingUntil: until },
    { instance: B, consecutiveFailures: 5, coolingUntil: until },
  ]);
  const inner: Fetcher = { fetch: async (location) => ok(location.kind === 'http' ? location.url : '') };
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: A }, { label: B }],
    store,
    policy,
    now: () => now,
  });
  assert.equal((await fetcher.fetch({ kind: 'http', url: `${A}x`, instance: A }, {})).kind, 'fetched');
});

test('5xx, 429, timeouts and network errors count; 404 and 410 do not', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const answers: (() => Promise<FetchResult>)[] = [
    () => Promise.reject(new FeedmillError('FETCH_HTTP_STATUS', 'HTTP 502', { status: 502 })),
    () => Promise.resolve({ kind: 'gone', url: `${A}x` }),
    () =>
      Promise.reject(
        new FeedmillError('FETCH_HTTP_STATUS', 'HTTP 404 from http://a.example/x?key=s', { status: 404 }),
      ),
    () => Promise.resolve({ kind: 'retry-later', url: `${A}x`, status: 429 }),
    () => Promise.reject(new FeedmillError('FETCH_TIMEOUT', 'no answer')),
  ];
  const store = memoryStore();
  const inner: Fetcher = { fetch: () => answers.shift()!() };
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: A }, { label: B }],
    store,
    policy,
    now: () => now,
  });
  const failures: number[] = [];
  for (let index = 0; index < 5; index++) {
    await fetcher.fetch({ kind: 'http', url: `${A}x`, instance: A }, {}).catch(() => undefined);
    failures.push(store.rows.get(A)?.consecutiveFailures ?? 0);
  }
  assert.deepEqual(failures, [1, 1, 1, 2, 3]);
  const row = store.rows.get(A)!;
  assert.equal(row.lastError, 'FETCH_TIMEOUT');
  assert.equal(row.coolingUntil, '2026-01-01T00:30:00.000Z');
});

test('an instance concurrency limit holds its fetches back', async () => {
  let inFlight = 0;
  let most = 0;
  const inner: Fetcher = {
    fetch: async (location) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return ok(location.kind === 'http' ? location.url : '');
    },
  };
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: A, concurrency: 1 }, { label: B }],
    store: memoryStore(),
    policy,
    now: () => new Date(),
  });
  await Promise.all(
    Array.from({ length: 4 }, (_, index) =>
      fetcher.fetch({ kind: 'http', url: `${A}${index}`, instance: A }, {}),
    ),
  );
  assert.equal(most, 1);
  await Promise.all(
    Array.from({ length: 4 }, (_, index) =>
      fetcher.fetch({ kind: 'http', url: `${B}${index}`, instance: B }, {}),
    ),
  );
  assert.equal(most, 4);
});

test('the rows round-trip through the state database; read-only never creates it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedmill-health-'));
  try {
    const path = join(dir, 'state.db');
    assert.deepEqual(openInstanceHealthStore(path, { readOnly: true }).read(), []);
    const store = openInstanceHealthStore(path);
    const row: InstanceHealth = {
      instance: A,
      consecutiveFailures: 4,
      coolingUntil: '2026-01-01T00:30:00.000Z',
      lastError: 'HTTP 503',
      lastFailure: '2026-01-01T00:00:00.000Z',
    };
    store.write(row, {
      kind: 'failed',
      at: row.lastFailure!,
      error: 'HTTP 503',
      coolAfter: 3,
      coolingUntil: row.coolingUntil!,
    });
    const answered = { kind: 'answered' as const, at: '2026-01-01T00:00:00.000Z' };
    store.write({ instance: B, consecutiveFailures: 0, lastSuccess: answered.at }, answered);
    store.close();
    assert.deepEqual(openInstanceHealthStore(path, { readOnly: true }).read()[0], row);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a route's failure on an instance (RSSHub's error page) is not the instance's; its message is kept", async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const store = memoryStore();
  const routeError =
    '<h1>Looks like something went wrong</h1><p>Error Message:<br><code>FetchError: [GET] &quot;https://site.example/&quot;: 403 Forbidden</code></p>';
  let page: string | undefined = routeError;
  const inner: Fetcher = {
    fetch: async (location) => ({
      kind: 'retry-later',
      url: location.kind === 'http' ? location.url : '',
      status: 503,
      ...(page === undefined ? {} : { answerText: page }),
    }),
  };
  const fetcher = instanceHealthFetcher(inner, {
    instances: [{ label: A }, { label: B }],
    store,
    policy,
    now: () => now,
  });
  for (let attempt = 0; attempt < policy.after + 1; attempt++) {
    const result = await fetcher.fetch({ kind: 'http', url: `${A}broken`, instance: A }, {});
    assert.equal(result.kind, 'retry-later');
    assert.equal(
      result.kind === 'retry-later' && result.reason,
      'RSSHub: FetchError: [GET] "https://site.example/": 403 Forbidden',
    );
    assert.equal('answerText' in result, false, 'the page itself is not carried further');
  }
  assert.equal(store.rows.get(A), undefined, 'no failure counted, no cool-down');
  // A 503 without RSSHub's page (a proxy in front of a struggling instance) still counts.
  page = '<html><body><h1>503 Service Unavailable</h1></body></html>';
  await fetcher.fetch({ kind: 'http', url: `${A}any`, instance: A }, {});
  assert.equal(store.rows.get(A)?.consecutiveFailures, 1);
});

test("behind the key-masking fetcher too (as run and workers wrap it), a route's error page is the route's", async () => {
  const store = memoryStore();
  const inner: Fetcher = {
    fetch: async (location) => ({
      kind: 'retry-later',
      url: location.kind === 'http' ? location.url : '',
      status: 503,
      answerText:
        '<h1>Looks like something went wrong</h1><p>Error Message:<br><code>Error: blocked</code></p>',
    }),
  };
  const fetcher = instanceHealthFetcher(redactingFetcher(inner, ['k3y']), {
    instances: [{ label: A }, { label: B }],
    store,
    policy,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const result = await fetcher.fetch({ kind: 'http', url: `${A}x?key=k3y`, instance: A }, {});
  assert.equal(result.kind === 'retry-later' && result.reason, 'RSSHub: Error: blocked');
  assert.equal(store.rows.get(A), undefined);
});

test("only a fetch from an RSSHub instance asks for a 429/503 page's text; others pass the request on", async () => {
  const asked: { url: string; request: FeedRequest | undefined }[] = [];
  const inner: Fetcher = {
    fetch: async (location, _validators, request) => {
      const url = location.kind === 'http' ? location.url : location.path;
      asked.push({ url, request });
      return ok(url);
    },
  };
  const fetcher = instanceHealthFetcher(redactingFetcher(inner, []), {
    instances: [{ label: A }],
    store: memoryStore(),
    policy,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  await fetcher.fetch({ kind: 'http', url: `${A}route`, instance: A }, {});
  await fetcher.fetch({ kind: 'http', url: 'http://site.example/feed.xml' }, {});
  assert.deepEqual(asked, [
    { url: `${A}route`, request: { keepAnswerText: true } },
    { url: 'http://site.example/feed.xml', request: undefined },
  ]);
});
