import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { loadConfig, parseConfig } from '../../src/config/index.ts';
import { FeedmillError } from '../../src/errors.ts';
import { runSite } from '../../src/pipeline/index.ts';
import { publishSite, takeWriterLock } from '../../src/queue/index.ts';
import { type FeedServer, okFeed, startFeedServer } from '../http/feed-server.ts';
import { rssFeed, type TestItem } from '../http/make-feed.ts';
import { REPO_ROOT, TSX_ARGS } from '../support/hexo-site.ts';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { postsOf } from './scale-out-site.ts';

const skip = skipUnlessPostgres();
if (skip) test('scale-out: workers and publish against PostgreSQL', { skip }, () => {});
const BIN = join(REPO_ROOT, 'src', 'cli', 'bin.ts');
let postgres: TestPostgres | undefined;
let server: FeedServer;
const folders: string[] = [];
const children: ChildProcess[] = [];

before(async () => {
  if (skip) return;
  postgres = await startPostgres();
  server = await startFeedServer();
});
after(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  await postgres?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function items(prefix: string, count: number): TestItem[] {
  return Array.from({ length: count }, (_unused, index) => ({
    guid: `${prefix}-${index}`,
    title: `${prefix} post ${index}`,
    html: `<p>${prefix} body ${index} <a href="/x">link</a></p>`,
    date: new Date(Date.UTC(2026, 10, 1 + index)),
  }));
}

/** A bare Hexo site whose config lists `feeds`, with the state given (or SQLite). */
function site(feeds: readonly string[], state?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-scale-'));
  folders.push(root);
  const lines = feeds.map(
    (path, index) => `  - url: ${server.url(path)}\n    name: feed${index}\n    categories: [C${index}]`,
  );
  writeFileSync(
    join(root, 'feedmill.yml'),
    `hexo: .\n${state ? `state: ${JSON.stringify(state)}\n` : ''}feeds:\n${lines.join('\n')}\n`,
  );
  return root;
}

function startWorker(root: string, ...extra: string[]): ChildProcess & { log: () => string } {
  const child = spawn(
    process.execPath,
    [...TSX_ARGS, BIN, 'worker', '--config', join(root, 'feedmill.yml'), '--poll', '0.5', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    log += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    log += chunk;
  });
  return Object.assign(child, { log: () => log });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Polls `check` until it returns a value, or fails after `seconds` with `why`. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  seconds: number,
  why: () => string,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`nothing after ${seconds} s: ${why()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function renderedFeeds(): Promise<number> {
  const client = new pg.Client({ connectionString: postgres!.connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "SELECT count(*) AS count FROM rendered_feeds WHERE to_regclass('rendered_feeds') IS NOT NULL",
    );
    return Number(rows[0]?.count ?? 0);
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/** `feedmill status` on the site, as printed. */
async function status(root: string): Promise<string> {
  let text = '';
  const output: Output = {
    out: (chunk) => {
      text += chunk;
    },
    err: (chunk) => {
      text += chunk;
    },
    isTTY: false,
  };
  assert.equal(await main(['status', '--config', join(root, 'feedmill.yml')], output), 0, text);
  return text;
}

async function resetDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: postgres!.connectionString });
  await client.connect();
  try {
    await client.query(
      'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE',
    );
  } finally {
    await client.end();
  }
}

test('two workers and one publish write the same posts as feedmill run', { skip }, async () => {
  await resetDatabase();
  const paths = ['/a.xml', '/b.xml', '/c.xml'];
  for (const [index, path] of paths.entries())
    server.routes.set(
      path,
      okFeed(rssFeed(`Feed ${index}`, items(`f${index}`, 4)), { 'content-type': 'application/rss+xml' }),
    );
  const single = site(paths);
  await runSite(
    parseConfig(readFileSync(join(single, 'feedmill.yml'), 'utf8'), join(single, 'feedmill.yml')),
    {
      userAgent: 'feedmill-test',
    },
  );
  const expected = postsOf(single);
  assert.equal(expected.size, 12);

  const scaled = site(paths, postgres!.connectionString);
  const workers = [startWorker(scaled, '--schedule'), startWorker(scaled)];
  try {
    await eventually(
      async () => ((await renderedFeeds()) === paths.length ? true : undefined),
      60,
      () => workers.map((worker) => worker.log()).join('\n'),
    );
    // A job is completed just after its output is saved: the last one may still be active.
    await eventually(
      async () => (/ 0 active,/.test(await status(scaled)) ? true : undefined),
      20,
      () => workers.map((worker) => worker.log()).join('\n'),
    );
    const before = await status(scaled);
    assert.match(before, /waiting for publish: 3 feed\(s\), 12 post\(s\)/);
    assert.match(before, /queue: 0 due, 3 scheduled, 0 active, 0 failed/);
    assert.equal(before.match(/^\S+:\d+:\w+ +\d{4}-/gm)?.length, 2, `two workers' heartbeats in\n${before}`);
    const report = await publishSite(loadConfig(join(scaled, 'feedmill.yml')));
    assert.equal(report.feeds.length, 3);
    const afterwards = await status(scaled);
    assert.match(afterwards, /waiting for publish: 0 feed\(s\), 0 post\(s\)/);
    assert.equal(afterwards.match(/^feed\d +ok +\S+ +- +4 /gm)?.length, 3, afterwards);
    assert.match(afterwards, /^site: 12 feedmill post\(s\); the next hexo generate needs about /m);
    assert.deepEqual(postsOf(scaled), expected);
    // What was applied is cleared: a second publish writes nothing.
    const again = await publishSite(loadConfig(join(scaled, 'feedmill.yml')));
    assert.deepEqual(again.feeds, []);
  } finally {
    for (const worker of workers) await stop(worker);
  }
});

test('a SIGKILLed worker: its job is retried after expiry, no item lost, none published twice', {
  skip,
}, async () => {
  await resetDatabase();
  let hang = true;
  const body = rssFeed('Slow', items('slow', 5));
  server.routes.set('/slow.xml', (_request, response) => {
    // The first request is held until its worker dies; later ones are answered.
    if (hang) return;
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  const root = site(['/slow.xml'], postgres!.connectionString);
  const options = ['--job-timeout', '3', '--retry-delay', '1'];
  const first = startWorker(root, '--schedule', ...options);
  await eventually(
    async () => (server.seen.some((request) => request.path === '/slow.xml') ? true : undefined),
    60,
    first.log,
  );
  await stop(first, 'SIGKILL');
  hang = false;
  const second = startWorker(root, ...options);
  try {
    await eventually(async () => ((await renderedFeeds()) === 1 ? true : undefined), 60, second.log);
    const report = await publishSite(loadConfig(join(root, 'feedmill.yml')));
    assert.deepEqual(
      report.feeds.map((feed) => [feed.created, feed.updated]),
      [[5, 0]],
    );
    const posts = postsOf(root);
    assert.equal(posts.size, 5, [...posts.keys()].join(', '));
    // Each item once, under one name each.
    const guids = [...posts.values()].map((content) => content.match(/slow body \d/)?.[0]);
    assert.equal(new Set(guids).size, 5);
  } finally {
    await stop(second);
  }
});

test('a second writer on the same site is refused with a clear message', { skip }, async () => {
  await resetDatabase();
  const root = site(['/a.xml'], postgres!.connectionString);
  const held = await takeWriterLock(postgres!.connectionString, root);
  try {
    await assert.rejects(publishSite(loadConfig(join(root, 'feedmill.yml'))), (error: unknown) => {
      assert.ok(error instanceof FeedmillError);
      assert.equal(error.code, 'LOCKED');
      assert.match(
        error.message,
        /another writer is publishing to .*feedmill publish on .*pid \d+.*one writer per site/,
      );
      return true;
    });
  } finally {
    await held.release();
  }
  // Once released, publishing works.
  const report = await publishSite(loadConfig(join(root, 'feedmill.yml')));
  assert.deepEqual(report.feeds, []);
});
