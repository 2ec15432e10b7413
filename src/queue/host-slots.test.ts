import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../../test/support/postgres.ts';
import { loadConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import {
  createFetcher,
  createPageFetcher,
  DEFAULT_FETCH_OPTIONS,
  DEFAULT_PAGE_FETCH,
} from '../fetch/index.ts';
import { openPostgresStore } from '../store/index.ts';
import {
  HOST_SLOT_CLASS,
  hostBucket,
  hostSlotKey,
  MAX_SLOTS,
  openHostSlots,
  withHostSlots,
  withPageHostSlots,
} from './host-slots.ts';
import { readQueueStatus } from './queue-status.ts';
import { startWorker } from './run-worker.ts';
import { startFeedQueue } from './start-feed-queue.ts';

const skip = skipUnlessPostgres();
let postgres: TestPostgres | undefined;
const folders: string[] = [];

before(async () => {
  if (!skip) postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Feeds on 127.0.0.1 and 127.0.0.2 (two hosts), answering after `delayMs`; counts requests in flight per Host. */
async function countingServers(delayMs: number) {
  const inFlight = new Map<string, number>();
  const most = new Map<string, number>();
  let overall = 0;
  let mostOverall = 0;
  let served = 0;
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const host = request.headers.host ?? '';
    inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
    most.set(host, Math.max(most.get(host) ?? 0, inFlight.get(host)!));
    mostOverall = Math.max(mostOverall, ++overall);
    setTimeout(() => {
      inFlight.set(host, inFlight.get(host)! - 1);
      overall--;
      served++;
      const name = request.url ?? '/';
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>http://${host}/</link>` +
            `<item><guid>${name}-1</guid><title>Post of ${name}</title><description>&lt;p&gt;Body&lt;/p&gt;</description>` +
            `<pubDate>Sun, 01 Nov 2026 00:00:00 GMT</pubDate></item></channel></rss>`,
        );
    }, delayMs);
  };
  const servers: Server[] = [];
  const hosts: string[] = [];
  for (const address of ['127.0.0.1', '127.0.0.2']) {
    const server = createServer(handler);
    server.keepAliveTimeout = 100;
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    servers.push(server);
    hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
  }
  return {
    hosts,
    most,
    mostOverall: () => mostOverall,
    served: () => served,
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

const fetchOptions = { ...DEFAULT_FETCH_OPTIONS, concurrency: 16, perHost: 16 };

test('slot keys: distinct per slot, one bucket per host', () => {
  const keys = new Set(Array.from({ length: MAX_SLOTS }, (_unused, slot) => hostSlotKey('a.example', slot)));
  assert.equal(keys.size, MAX_SLOTS);
  for (const key of keys) assert.equal((key >>> 0) >>> 6, hostBucket('a.example'));
  assert.notEqual(hostBucket('a.example'), hostBucket('b.example'));
  // The same host in any case is the same host.
  assert.equal(hostSlotKey('A.Example', 1), hostSlotKey('a.example', 1));
});

test('per_host 1 across two slot holders: one fetch of a host at a time, hosts in parallel', {
  skip,
}, async () => {
  const servers = await countingServers(60);
  const holders = [0, 1].map(() =>
    openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 60_000 }),
  );
  const fetchers = holders.map((slots) => withHostSlots(createFetcher(fetchOptions), slots));
  try {
    const fetches = [];
    for (let index = 0; index < 16; index++) {
      const host = servers.hosts[index % 2]!;
      const fetcher = fetchers[Math.floor(index / 2) % 2]!;
      fetches.push(fetcher.fetch({ kind: 'http', url: `http://${host}/f${index}.xml` }, {}));
    }
    const results = await Promise.all(fetches);
    assert.ok(results.every((result) => result.kind === 'fetched'));
    assert.equal(servers.served(), 16);
    for (const host of servers.hosts) assert.equal(servers.most.get(host), 1, `most in flight at ${host}`);
    assert.equal(servers.mostOverall(), 2, 'the two hosts were fetched at the same time');
  } finally {
    for (const fetcher of fetchers) fetcher.close?.();
    for (const slots of holders) await slots.close();
    await servers.close();
  }
});

test('article pages share the slots: a page and a feed fetch of one host never overlap', {
  skip,
}, async () => {
  const servers = await countingServers(60);
  const holders = [0, 1].map(() =>
    openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 60_000 }),
  );
  const pages = withPageHostSlots(
    createPageFetcher({ ...fetchOptions, ...DEFAULT_PAGE_FETCH, perHost: 16 }),
    holders[0]!,
  );
  const feeds = withHostSlots(createFetcher(fetchOptions), holders[1]!);
  try {
    const host = servers.hosts[0]!;
    const fetches: Promise<unknown>[] = [];
    for (let index = 0; index < 6; index++) {
      fetches.push(pages.get(`http://${host}/article-${index}`));
      fetches.push(feeds.fetch({ kind: 'http', url: `http://${host}/f${index}.xml` }, {}));
    }
    await Promise.all(fetches);
    assert.equal(servers.served(), 12);
    assert.equal(servers.most.get(host), 1, 'most in flight at the host');
    await assert.rejects(pages.get('not a url'), { code: 'FETCH_REFUSED' });
  } finally {
    pages.close();
    feeds.close?.();
    for (const slots of holders) await slots.close();
    await servers.close();
  }
});

test('per_host 2 across two slot holders: two fetches of a host at a time, never three', {
  skip,
}, async () => {
  const servers = await countingServers(60);
  const holders = [0, 1].map(() =>
    openHostSlots({ connectionString: postgres!.connectionString, perHost: 2, waitMs: 60_000 }),
  );
  const fetchers = holders.map((slots) => withHostSlots(createFetcher(fetchOptions), slots));
  try {
    const host = servers.hosts[0]!;
    await Promise.all(
      Array.from({ length: 12 }, (_unused, index) =>
        fetchers[index % 2]!.fetch({ kind: 'http', url: `http://${host}/f${index}.xml` }, {}),
      ),
    );
    assert.equal(servers.most.get(host), 2);
    assert.equal(await heldSlots(), 0, 'every slot is released after its fetch');
  } finally {
    for (const fetcher of fetchers) fetcher.close?.();
    for (const slots of holders) await slots.close();
    await servers.close();
  }
});

/**
 * Two hosts (127.0.0.1 and 127.0.0.2): the first redirects `/moved.xml` and `/moved-page` to the
 * second, which holds each answer until `release` is called and tells `arrived` when a request
 * came in; `seen` lists the requests of each, as `host path`.
 */
async function redirectingServers() {
  const seen: string[] = [];
  let waiting: (() => void)[] = [];
  let arrivals: (() => void)[] = [];
  const hosts: string[] = [];
  const servers: Server[] = [];
  const feed = (title: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link>` +
    `<item><guid>${title}-1</guid><title>Post</title><description>&lt;p&gt;Body&lt;/p&gt;</description>` +
    `<pubDate>Sun, 01 Nov 2026 00:00:00 GMT</pubDate></item></channel></rss>`;
  const first = (request: IncomingMessage, response: ServerResponse) => {
    seen.push(`${hosts[0]} ${request.url}`);
    const target = request.url === '/moved-page' ? '/article' : '/feed.xml';
    response.writeHead(302, { location: `http://${hosts[1]}${target}` }).end();
  };
  const second = (request: IncomingMessage, response: ServerResponse) => {
    seen.push(`${hosts[1]} ${request.url}`);
    for (const arrived of arrivals) arrived();
    arrivals = [];
    waiting.push(() => {
      const html = request.url === '/article';
      response
        .writeHead(200, { 'content-type': html ? 'text/html' : 'application/rss+xml' })
        .end(html ? '<html><body><p>Article</p></body></html>' : feed(request.url ?? ''));
    });
  };
  for (const [address, handler] of [
    ['127.0.0.1', first],
    ['127.0.0.2', second],
  ] as const) {
    const server = createServer(handler);
    server.keepAliveTimeout = 100;
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    servers.push(server);
    hosts.push(`${address}:${(server.address() as AddressInfo).port}`);
  }
  return {
    hosts: hosts as [string, string],
    seen,
    arrived: () => new Promise<void>((resolve) => arrivals.push(resolve)),
    release() {
      for (const answer of waiting) answer();
      waiting = [];
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

test("a redirect moves the fetch's slot to the host it lands on, for feeds and article pages", {
  skip,
}, async () => {
  const servers = await redirectingServers();
  const [first, second] = servers.hosts;
  const mover = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 5000 });
  const other = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 300 });
  const feeds = withHostSlots(createFetcher(fetchOptions), mover);
  const pages = withPageHostSlots(createPageFetcher({ ...fetchOptions, ...DEFAULT_PAGE_FETCH }), mover);
  try {
    const fetches: [string, () => Promise<unknown>][] = [
      ['feed', () => feeds.fetch({ kind: 'http', url: `http://${first}/moved.xml` }, {})],
      ['page', () => pages.get(`http://${first}/moved-page`)],
    ];
    for (const [what, start] of fetches) {
      const arrived = servers.arrived();
      const fetching = start();
      await arrived;
      // The second host is answering this fetch: its one slot is taken, the first host's is free.
      assert.deepEqual([...mover.held()], [[second, 1]], what);
      assert.equal(await heldSlots(), 1, what);
      assert.equal(await other.run(first, async () => 'free'), 'free', `${what}: the first host's slot`);
      await assert.rejects(
        other.run(second, async () => {}),
        (error: unknown) => error instanceof FeedmillError && error.code === 'HOST_BUSY',
        `${what}: the second host's slot`,
      );
      servers.release();
      await fetching;
      assert.deepEqual([...mover.held()], [], what);
      assert.equal(await heldSlots(), 0, `${what}: every slot is released after the fetch`);
    }
  } finally {
    servers.release();
    feeds.close?.();
    pages.close();
    await mover.close();
    await other.close();
    await servers.close();
  }
});

test('a redirect to a host whose slots stay taken: HOST_BUSY, that host never asked, no slot kept', {
  skip,
}, async () => {
  const servers = await redirectingServers();
  const [first, second] = servers.hosts;
  const holder = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1 });
  const mover = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 300 });
  const feeds = withHostSlots(createFetcher(fetchOptions), mover);
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let taken!: () => void;
  const holding = new Promise<void>((resolve) => {
    taken = resolve;
  });
  try {
    const held = holder.run(second, async () => {
      taken();
      await released;
    });
    await holding;
    await assert.rejects(
      feeds.fetch({ kind: 'http', url: `http://${first}/moved.xml` }, {}),
      (error: unknown) =>
        error instanceof FeedmillError &&
        error.code === 'HOST_BUSY' &&
        error.message.startsWith(`${second}: all 1 fetch slot(s) (http.per_host) are in use`),
    );
    assert.deepEqual(servers.seen, [`${first} /moved.xml`]);
    assert.deepEqual([...mover.held()], []);
    assert.equal(await heldSlots(), 1, "only the other holder's slot");
    release();
    await held;
  } finally {
    release();
    feeds.close?.();
    await holder.close();
    await mover.close();
    await servers.close();
  }
});

test('no slot free in time: HOST_BUSY, and the fetch never started', { skip }, async () => {
  const holder = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1 });
  const other = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 300 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let taken!: () => void;
  const holding = new Promise<void>((resolve) => {
    taken = resolve;
  });
  try {
    const held = holder.run('busy.example', async () => {
      taken();
      await released;
    });
    await holding;
    assert.deepEqual([...holder.held()], [['busy.example', 1]]);
    let ran = false;
    await assert.rejects(
      other.run('busy.example', async () => {
        ran = true;
      }),
      (error: unknown) =>
        error instanceof FeedmillError &&
        error.code === 'HOST_BUSY' &&
        /busy\.example: all 1 fetch slot\(s\) \(http\.per_host\) are in use/.test(error.message),
    );
    assert.equal(ran, false);
    // Another host is not held up.
    assert.equal(await other.run('free.example', async () => 'done'), 'done');
    release();
    await held;
    assert.deepEqual([...holder.held()], []);
    assert.equal(await other.run('busy.example', async () => 'now'), 'now');
  } finally {
    release();
    await holder.close();
    await other.close();
  }
});

test('a SIGKILLed holder frees its slot', { skip }, async () => {
  const module = fileURLToPath(new URL('./host-slots.ts', import.meta.url));
  const script = `
    import { openHostSlots } from ${JSON.stringify(module)};
    const slots = openHostSlots({ connectionString: process.argv[1], perHost: 1 });
    await slots.run('killed.example', async () => {
      process.stdout.write('holding\\n');
      await new Promise(() => setInterval(() => {}, 1000));
    });`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, postgres!.connectionString],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const slots = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 200 });
  try {
    child.stdout!.setEncoding('utf8');
    let output = '';
    for await (const chunk of child.stdout!) {
      output += chunk;
      if (output.includes('holding')) break;
    }
    await assert.rejects(
      slots.run('killed.example', async () => {}),
      (error: unknown) => error instanceof FeedmillError && error.code === 'HOST_BUSY',
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    // The server notices the closed connection and ends the session: the slot is free.
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        assert.equal(await slots.run('killed.example', async () => 'taken'), 'taken');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slots.close();
  }
});

test('a holder whose connection is cut loses its slots, then reconnects', { skip }, async () => {
  const holder = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1 });
  const other = openHostSlots({ connectionString: postgres!.connectionString, perHost: 1, waitMs: 5000 });
  const admin = new pg.Client({ connectionString: postgres!.connectionString });
  await admin.connect();
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  try {
    let taken!: () => void;
    const holding = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const held = holder.run('cut.example', async () => {
      taken();
      await released;
    });
    await holding;
    // What a restarted server or a broken network does to the slots' session.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND objsubid = 2 AND classid = $1::bigint::oid`,
      [HOST_SLOT_CLASS],
    );
    assert.equal(await other.run('cut.example', async () => 'freed'), 'freed');
    release();
    await held;
    assert.deepEqual([...holder.held()], []);
    assert.equal(await holder.run('cut.example', async () => 'again'), 'again');
    assert.equal(await heldSlots(), 0);
  } finally {
    release();
    await admin.end();
    await holder.close();
    await other.close();
  }
});

test('status counts the fetching jobs of a host across workers', { skip }, async () => {
  const queue = await startFeedQueue({
    connectionString: postgres!.connectionString,
    pollingIntervalSeconds: 0.5,
  });
  const slots = openHostSlots({ connectionString: postgres!.connectionString, perHost: 2 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let fetching = 0;
  try {
    for (const path of ['a', 'b', 'c']) await queue.schedule({ url: `http://status.example/${path}.xml` });
    for (let worker = 0; worker < 3; worker++)
      await queue.work(async (job) => {
        // Two jobs fetch (the host's two slots); the third waits for a slot.
        await slots
          .run(new URL(job.url).host, async () => {
            fetching++;
            await released;
          })
          .catch(() => released);
      });
    const deadline = Date.now() + 20_000;
    let status = await readQueueStatus(postgres!.connectionString);
    while (status.active < 3 || fetching < 2) {
      assert.ok(Date.now() < deadline, `active ${status.active}, fetching ${fetching}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await readQueueStatus(postgres!.connectionString);
    }
    // Read again: the slots counted above may have been taken after the first read.
    status = await readQueueStatus(postgres!.connectionString);
    assert.deepEqual(status.activeByHost, [{ host: 'status.example', active: 3, fetching: 2 }]);
    release();
    // Let the jobs complete before the queue stops under them.
    while ((await readQueueStatus(postgres!.connectionString)).active > 0) {
      assert.ok(Date.now() < deadline + 20_000, 'the jobs complete');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    release();
    await queue.stop();
    await slots.close();
  }
});

test('two workers with per_host 1: one fetch of a host at a time; a busy host defers, never fails', {
  skip,
}, async () => {
  const client = new pg.Client({ connectionString: postgres!.connectionString });
  await client.connect();
  await client.query(
    'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE',
  );
  await client.end();
  // 600 ms a fetch: of 4 jobs of one host started together the last waits past the 1.5 s.
  const servers = await countingServers(600);
  const root = mkdtempSync(join(tmpdir(), 'feedmill-slots-'));
  folders.push(root);
  const feeds = Array.from(
    { length: 12 },
    (_unused, index) => `  - url: http://${servers.hosts[index % 2]}/f${index}.xml\n    name: f${index}`,
  );
  writeFileSync(
    join(root, 'feedmill.yml'),
    `hexo: .\nstate: ${JSON.stringify(postgres!.connectionString)}\nhttp: { concurrency: 4, per_host: 1 }\nfeeds:\n${feeds.join('\n')}\n`,
  );
  const loaded = loadConfig(join(root, 'feedmill.yml'));
  const log: string[] = [];
  const options = {
    userAgent: 'feedmill-test',
    pollingIntervalSeconds: 0.5,
    log: (line: string) => log.push(line),
  };
  const workers = [
    await startWorker(loaded, { ...options, schedule: true }),
    await startWorker(loaded, options),
  ];
  const store = await openPostgresStore({ connectionString: postgres!.connectionString });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      // The writer is not run: rendered feeds wait in rendered_feeds.
      const rendered = await renderedCount();
      if (rendered === 12) break;
      assert.ok(Date.now() < deadline, `rendered ${rendered} of 12:\n${log.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const host of servers.hosts) assert.equal(servers.most.get(host), 1, `most in flight at ${host}`);
    assert.equal(servers.mostOverall(), 2, 'the two hosts were fetched at the same time');
    assert.ok(
      log.some((line) => /fetch slot\(s\) \(http\.per_host\) are in use by other workers/.test(line)),
      `a job was deferred:\n${log.join('\n')}`,
    );
    const failed = (await store.feedStatuses()).filter((status) => status.lastErrorCode);
    assert.deepEqual(failed, [], 'a deferral is no failure');
  } finally {
    for (const worker of workers) await worker.stop();
    await store.close();
    await servers.close();
  }
});

/** Host slots held now, by any session. */
async function heldSlots(): Promise<number> {
  const client = new pg.Client({ connectionString: postgres!.connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_locks
       WHERE locktype = 'advisory' AND objsubid = 2 AND classid = $1::bigint::oid`,
      [HOST_SLOT_CLASS],
    );
    return rows[0]?.count ?? 0;
  } finally {
    await client.end();
  }
}

async function renderedCount(): Promise<number> {
  const client = new pg.Client({ connectionString: postgres!.connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM rendered_feeds',
    );
    return rows[0]?.count ?? 0;
  } finally {
    await client.end();
  }
}
