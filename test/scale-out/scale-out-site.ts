import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config/index.ts';
import { type RunningWorker, startWorker } from '../../src/queue/index.ts';
import { bufferOutput } from '../cli/buffer-output.ts';
import { type FeedServer, startFeedServer } from '../http/feed-server.ts';
import type { TestItem } from '../http/make-feed.ts';
import { REPO_ROOT, TSX_ARGS } from '../support/hexo-site.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

const BIN = join(REPO_ROOT, 'src', 'cli', 'bin.ts');

/** `count` dated items whose guids, titles and bodies start with `prefix`. */
export function testItems(prefix: string, count: number): TestItem[] {
  return Array.from({ length: count }, (_unused, index) => ({
    guid: `${prefix}-${index}`,
    title: `${prefix} post ${index}`,
    html: `<p>${prefix} body ${index} <a href="/x">link</a></p>`,
    date: new Date(Date.UTC(2026, 10, 1 + index)),
  }));
}

/** Temporary sites and child processes of one test file, removed and killed by `dispose`. */
export interface ScaleOutFixture {
  /**
   * A bare Hexo site whose config lists `urls`, with the state given (or SQLite); the hosts
   * take up to 16 connections at once (the feeds all live on 127.0.0.1).
   */
  site(urls: readonly string[], state?: string): string;
  /** Spawns `feedmill <args>` through tsx; `log()` is its stdout and stderr so far. */
  feedmill(args: readonly string[]): ChildProcess & { log: () => string };
  dispose(): void;
}

export function scaleOutFixture(): ScaleOutFixture {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  return {
    site(urls, state) {
      const root = mkdtempSync(join(tmpdir(), 'feedmill-scale-'));
      folders.push(root);
      const lines = urls.map(
        (url, index) => `  - url: ${url}\n    name: feed${index}\n    categories: [C${index % 4}]`,
      );
      writeFileSync(
        join(root, 'feedmill.yml'),
        `hexo: .\n${state ? `state: ${JSON.stringify(state)}\n` : ''}http:\n  per_host: 16\nfeeds:\n${lines.join('\n')}\n`,
      );
      return root;
    },
    feedmill(args) {
      const child = spawn(process.execPath, [...TSX_ARGS, BIN, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let log = '';
      const append = (chunk: string) => {
        log += chunk;
      };
      child.stdout!.setEncoding('utf8').on('data', append);
      child.stderr!.setEncoding('utf8').on('data', append);
      return Object.assign(child, { log: () => log });
    },
    dispose() {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Every file under the site's posts folder, by relative path. */
export function postsOf(root: string): Map<string, string> {
  const postsRoot = join(root, 'source', '_posts');
  const found = new Map<string, string>();
  const walk = (folder: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.set(relative(postsRoot, path), readFileSync(path, 'utf8'));
    }
  };
  walk(postsRoot);
  return found;
}

/** Sends `signal` and waits for the exit; returns the exit code (null when killed). */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/** Polls `check` until it returns a value, or fails after `seconds` with `why`. */
export async function eventually<T>(
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

/** Runs one statement on a connection of its own; its rows. */
export async function sql<R extends pg.QueryResultRow>(
  connectionString: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

/** How many feeds have rendered output waiting for publish (0 before the tables exist). */
export async function renderedFeedCount(connectionString: string): Promise<number> {
  try {
    const [row] = await sql<{ count: string }>(
      connectionString,
      'SELECT count(*) AS count FROM rendered_feeds',
    );
    return Number(row?.count ?? 0);
  } catch {
    return 0;
  }
}

/** What a scale-out test file shares: a throwaway PostgreSQL, a feed server and temporary sites. */
export interface ScaleOutSuite {
  readonly postgres: TestPostgres;
  readonly server: FeedServer;
  readonly fixture: ScaleOutFixture;
}

/**
 * Starts the suite's PostgreSQL, feed server and fixture before the file's tests (nothing when
 * `skip`), and ends them after, once `beforeEnd` (e.g. stopping an in-process worker) is done.
 */
export function scaleOutSuite(skip: string | false, beforeEnd?: () => Promise<void>): ScaleOutSuite {
  let postgres: TestPostgres | undefined;
  let server: FeedServer | undefined;
  let fixture: ScaleOutFixture | undefined;
  before(async () => {
    if (skip) return;
    fixture = scaleOutFixture();
    postgres = await startPostgres();
    server = await startFeedServer();
  });
  after(async () => {
    await beforeEnd?.();
    fixture?.dispose();
    await server?.close();
    await postgres?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the scale-out suite is not started (or skipped)');
    return value;
  };
  return {
    get postgres() {
      return started(postgres);
    },
    get server() {
      return started(server);
    },
    get fixture() {
      return started(fixture);
    },
  };
}

/** A worker in this process, scheduling the site's feeds itself, one job at a time, with its log. */
export async function startSchedulingWorker(
  root: string,
): Promise<{ worker: RunningWorker; log: () => string }> {
  let log = '';
  const worker = await startWorker(loadConfig(join(root, 'feedmill.yml')), {
    userAgent: 'feedmill-test',
    concurrency: 1,
    schedule: true,
    pollingIntervalSeconds: 0.5,
    log: (line) => {
      log += `${line}\n`;
    },
  });
  return { worker, log: () => log };
}

/** Makes every queued feed job due now, so that a running worker renders the feeds again. */
export async function makeFeedJobsDue(connectionString: string): Promise<void> {
  await sql(
    connectionString,
    "UPDATE pgboss.job SET start_after = now() WHERE name = 'feedmill_feed' AND state = 'created'",
  );
}

/** Waits until `feeds` feeds were rendered at or after `since`. */
export async function renderedSince(
  connectionString: string,
  feeds: number,
  since: Date,
  log: () => string,
): Promise<void> {
  await eventually(
    async () => {
      const [row] = await sql<{ count: string }>(
        connectionString,
        'SELECT count(*) AS count FROM rendered_feeds WHERE rendered_at >= $1',
        [since],
      );
      return Number(row!.count) === feeds ? true : undefined;
    },
    60,
    log,
  );
}

/** Runs `feedmill <args>` in this process; its exit code and what it printed. */
export async function cli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = bufferOutput(false);
  const code = await main([...args], output);
  return { code, stdout: output.stdout, stderr: output.stderr };
}
