// Scale-out benchmark: N generated feeds served on loopback with a simulated network latency,
// processed by 1, 2, 4… `feedmill worker` processes on a throwaway PostgreSQL, then one
// `feedmill publish`. Reports feeds per second, the CPU time of the workers and of PostgreSQL,
// and the writer's posts per second. See bench/scale-out/README.md.
// Usage: node --import tsx bench/scale-out/bench-workers.ts [--feeds 10000] [--latency 150]
//          [--workers 1,2,4] [--concurrency 8] [--hosts 16] [--per-host 8] [--items 10]
//          [--poll 0.5] [--no-publish] [--out bench/results/scale-out-<feeds>.json]
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startFeedQueue } from '../../src/queue/index.ts';
import { startPostgres } from '../../test/support/postgres.ts';
import { generateFeed } from '../run/generate-feeds.ts';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'src/cli/bin.ts');
const SEED = 19;
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '10000' },
    latency: { type: 'string', default: '150' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '8' },
    hosts: { type: 'string', default: '16' },
    'per-host': { type: 'string', default: '8' },
    items: { type: 'string', default: '10' },
    'item-bytes': { type: 'string', default: '500' },
    poll: { type: 'string', default: '0.5' },
    'no-publish': { type: 'boolean' },
    out: { type: 'string' },
  },
});
const FEEDS = Number(values.feeds);
const LATENCY_MS = Number(values.latency);
const WORKER_COUNTS = values.workers.split(',').map(Number);
const CONCURRENCY = Number(values.concurrency);
const HOSTS = Number(values.hosts);
const ITEMS = Number(values.items);
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time (user + system) of a process in ms, and of its reaped children (`cutime`, `cstime`). */
function cpuOf(pid: number): { own: number; children: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = (index: number) => (Number(fields[index]) * 1000) / TICK;
    return { ppid: Number(fields[1]), own: tick(11) + tick(12), children: tick(13) + tick(14) };
  } catch {
    return undefined;
  }
}

/** PostgreSQL's CPU so far: the postmaster, its live backends, and the backends it reaped. */
function postgresCpu(postmaster: number): number {
  let total = 0;
  const main = cpuOf(postmaster);
  if (main) total += main.own + main.children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const process = cpuOf(Number(name));
    if (process?.ppid === postmaster) total += process.own;
  }
  return total;
}

interface Served {
  hosts: string[];
  requests: number;
  mostInFlight: number;
  close(): Promise<void>;
}

/** The feeds on HOSTS loopback addresses (127.0.0.1…), each answer held back by the latency. */
async function serve(bodies: readonly Buffer[]): Promise<Served> {
  const servers: Server[] = [];
  const state: Served = { hosts: [], requests: 0, mostInFlight: 0, close: async () => {} };
  let inFlight = 0;
  for (let host = 0; host < HOSTS; host++) {
    const server = createServer((request, response) => {
      const match = /^\/feed-(\d+)\.xml$/.exec(request.url ?? '');
      const body = match ? bodies[Number(match[1])] : undefined;
      state.requests++;
      state.mostInFlight = Math.max(state.mostInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        if (!body) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
      }, LATENCY_MS);
    });
    await new Promise<void>((listening) => server.listen(0, `127.0.0.${host + 1}`, listening));
    servers.push(server);
    state.hosts.push(`127.0.0.${host + 1}:${(server.address() as AddressInfo).port}`);
  }
  state.close = async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  };
  return state;
}

function urlOf(hosts: readonly string[], feed: number): string {
  return `http://${hosts[feed % hosts.length]}/feed-${feed}.xml`;
}

function makeSite(hosts: readonly string[], connectionString: string): string {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-bench-scale-'));
  writeFileSync(join(site, '_config.yml'), 'title: bench\nsource_dir: source\n');
  const feeds = Array.from(
    { length: FEEDS },
    (_unused, feed) =>
      `  - url: ${urlOf(hosts, feed)}\n    name: f${feed}\n    categories: [Bench, S${feed % 20}]\n`,
  ).join('');
  writeFileSync(
    join(site, 'feedmill.yml'),
    `hexo: .\nstate: ${JSON.stringify(connectionString)}\n` +
      `http: { concurrency: ${CONCURRENCY}, per_host: ${values['per-host']} }\nfeeds:\n${feeds}`,
  );
  return site;
}

async function query<R extends pg.QueryResultRow>(
  client: pg.Client,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await client.query<R>(text, params)).rows;
}

async function resetDatabase(client: pg.Client): Promise<void> {
  await client.query(
    'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE',
  );
}

/** Queues every feed, due now, as `worker --schedule` would (before the clock starts). */
async function queueAll(connectionString: string, hosts: readonly string[]): Promise<void> {
  const queue = await startFeedQueue({ connectionString });
  try {
    let next = 0;
    const sender = async () => {
      while (next < FEEDS) await queue.schedule({ url: urlOf(hosts, next++) });
    };
    await Promise.all(Array.from({ length: 8 }, sender));
  } finally {
    await queue.stop();
  }
}

function startWorker(config: string): ChildProcess & { log: () => string; started: Promise<void> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      BIN,
      'worker',
      '--config',
      config,
      '--concurrency',
      String(CONCURRENCY),
      '--poll',
      String(values.poll),
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  let onStarted!: () => void;
  const started = new Promise<void>((resolveStarted) => {
    onStarted = resolveStarted;
  });
  const keep = (chunk: string) => {
    // Only the start line and problems: a line per job would fill memory at 10,000 feeds.
    if (/ started|failed|error|Error/.test(chunk)) log += chunk.slice(0, 2000);
    if (/ started/.test(chunk)) onStarted();
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  return Object.assign(child, { log: () => log, started });
}

interface WorkerRun {
  workers: number;
  feeds: number;
  /** From spawning the workers to the last feed rendered (includes starting Node + tsx). */
  wallMs: number;
  feedsPerSecond: number;
  /** Between 10 % and 90 % of the feeds rendered: the steady rate, without start-up. */
  steadyFeedsPerSecond: number;
  /** User + system CPU of all workers from their start line to the end. */
  workerCpuMs: number;
  /** CPU of every PostgreSQL process over the same time. */
  postgresCpuMs: number;
  /** PostgreSQL's part of the CPU spent (workers + PostgreSQL). */
  postgresShare: number;
  failedFeeds: number;
  renderedPosts: number;
  loadAverage: [number, number, number];
}

async function runWorkers(
  count: number,
  config: string,
  connectionString: string,
  hosts: readonly string[],
  postmaster: number,
): Promise<WorkerRun> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await resetDatabase(client);
    await queueAll(connectionString, hosts);
    const spawned = performance.now();
    const workers = Array.from({ length: count }, () => startWorker(config));
    try {
      await Promise.race([
        Promise.all(workers.map((worker) => worker.started)),
        new Promise((_unused, reject) =>
          setTimeout(() => reject(new Error('workers did not start')), 120_000),
        ),
      ]);
      const cpuAtStart = workers.map((worker) => cpuOf(worker.pid!)?.own ?? 0);
      const postgresAtStart = postgresCpu(postmaster);
      const marks = new Map<number, number>();
      for (;;) {
        const [row] = await query<{ rendered: number }>(
          client,
          "SELECT CASE WHEN to_regclass('rendered_feeds') IS NULL THEN 0 ELSE (SELECT count(*)::int FROM rendered_feeds) END AS rendered",
        );
        const rendered = row?.rendered ?? 0;
        const now = performance.now();
        for (const share of [0.1, 0.9, 1])
          if (rendered >= Math.ceil(FEEDS * share) && !marks.has(share)) marks.set(share, now);
        if (rendered >= FEEDS) break;
        const dead = workers.find((worker) => worker.exitCode !== null);
        if (dead) throw new Error(`a worker exited: ${dead.log()}`);
        await new Promise((tick) => setTimeout(tick, 100));
      }
      const workerCpuMs = workers.reduce(
        (sum, worker, index) => sum + (cpuOf(worker.pid!)?.own ?? 0) - cpuAtStart[index]!,
        0,
      );
      const postgresCpuMs = postgresCpu(postmaster) - postgresAtStart;
      const wallMs = marks.get(1)! - spawned;
      const [failed] = await query<{ count: number }>(
        client,
        'SELECT count(*)::int AS count FROM feeds WHERE last_error_code IS NOT NULL',
      );
      const [posts] = await query<{ count: number }>(
        client,
        'SELECT count(*)::int AS count FROM rendered_posts',
      );
      return {
        workers: count,
        feeds: FEEDS,
        wallMs: Math.round(wallMs),
        feedsPerSecond: round(FEEDS / (wallMs / 1000)),
        steadyFeedsPerSecond: round((FEEDS * 0.8) / ((marks.get(0.9)! - marks.get(0.1)!) / 1000)),
        workerCpuMs: Math.round(workerCpuMs),
        postgresCpuMs: Math.round(postgresCpuMs),
        postgresShare: round(postgresCpuMs / (postgresCpuMs + workerCpuMs), 3),
        failedFeeds: failed?.count ?? 0,
        renderedPosts: posts?.count ?? 0,
        loadAverage: loadavg().map((value) => round(value)) as [number, number, number],
      };
    } finally {
      for (const worker of workers) {
        if (worker.exitCode !== null) continue;
        const exited = once(worker, 'exit');
        worker.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    await client.end();
  }
}

interface PublishRun {
  posts: number;
  wallMs: number;
  postsPerSecond: number;
  postgresCpuMs: number;
  loadAverage: [number, number, number];
}

/** One `feedmill publish` of everything the last run rendered (fsync on, as by default). */
async function runPublish(config: string, postmaster: number): Promise<PublishRun> {
  const postgresAtStart = postgresCpu(postmaster);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'publish', '--config', config], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk.slice(0, 2000);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`feedmill publish exited ${code}: ${output.slice(-2000)}`);
  const posts = Number(/(\d+) post\(s\) written/.exec(output)?.[1] ?? Number.NaN);
  return {
    posts,
    wallMs: Math.round(wallMs),
    postsPerSecond: round(posts / (wallMs / 1000)),
    postgresCpuMs: Math.round(postgresCpu(postmaster) - postgresAtStart),
    loadAverage: loadavg().map((value) => round(value)) as [number, number, number],
  };
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map((value) => round(value));
  const bodies = Array.from({ length: FEEDS }, (_unused, feed) =>
    Buffer.from(generateFeed(feed, SEED, ITEMS, Number(values['item-bytes']))),
  );
  // Four workers hold up to 17 connections each, the writer 7.
  const postgres = await startPostgres({ maxConnections: 200 });
  const socketFolder = new URL(postgres.connectionString).searchParams.get('host')!;
  const postmaster = Number(
    readFileSync(join(socketFolder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const served = await serve(bodies);
  const site = makeSite(served.hosts, postgres.connectionString);
  const config = join(site, 'feedmill.yml');
  const runs: WorkerRun[] = [];
  let publish: PublishRun | undefined;
  try {
    for (const count of WORKER_COUNTS) {
      const run = await runWorkers(count, config, postgres.connectionString, served.hosts, postmaster);
      runs.push(run);
      process.stdout.write(`${JSON.stringify(run)}\n`);
    }
    if (!values['no-publish']) {
      publish = await runPublish(config, postmaster);
      process.stdout.write(`${JSON.stringify({ publish })}\n`);
    }
  } finally {
    await served.close();
    await postgres.stop();
    rmSync(site, { recursive: true, force: true });
  }

  const one = runs.find((run) => run.workers === 1);
  const rows = runs.map((run) => {
    const ratio = one ? `${round(run.steadyFeedsPerSecond / one.steadyFeedsPerSecond, 2)}×` : '-';
    return `| ${run.workers} | ${run.feedsPerSecond} | ${run.steadyFeedsPerSecond} | ${ratio} | ${round(run.workerCpuMs / 1000)} s | ${round(run.postgresCpuMs / 1000)} s (${Math.round(run.postgresShare * 100)} %) | ${run.loadAverage[0]} |`;
  });
  process.stdout.write(
    `\n${FEEDS} feeds × ${ITEMS} items, ${LATENCY_MS} ms latency, ${HOSTS} hosts, --concurrency ${CONCURRENCY}, --poll ${values.poll}\n` +
      '| workers | feeds/s (whole run) | feeds/s (10–90 %) | × one worker | workers CPU | PostgreSQL CPU (share) | load |\n' +
      '| --: | --: | --: | --: | --: | --: | --: |\n' +
      `${rows.join('\n')}\n` +
      (publish
        ? `publish: ${publish.posts} posts in ${round(publish.wallMs / 1000)} s = ${publish.postsPerSecond} posts/s (PostgreSQL CPU ${round(publish.postgresCpuMs / 1000)} s)\n`
        : ''),
  );
  const out = values.out ?? join(REPO, 'bench', 'results', `scale-out-${FEEDS}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark: 'bench/scale-out/bench-workers.ts',
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          node: process.version,
          postgres: execFileSync(binOf(), ['--version'], { encoding: 'utf8' }).trim(),
          loadAverageBefore: loadBefore,
          note: 'PostgreSQL with fsync=off (throwaway cluster); publish writes posts with fsync',
        },
        settings: {
          feeds: FEEDS,
          itemsPerFeed: ITEMS,
          itemBytes: Number(values['item-bytes']),
          latencyMs: LATENCY_MS,
          hosts: HOSTS,
          perHost: Number(values['per-host']),
          concurrency: CONCURRENCY,
          pollSeconds: Number(values.poll),
        },
        runs,
        publish,
        server: { requests: served.requests, mostInFlight: served.mostInFlight },
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`written ${out}\n`);
}

/** The postgres binary's folder as test/support/postgres.ts finds it (the newest installed). */
function binOf(): string {
  const root = '/usr/lib/postgresql';
  const newest = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]!;
  return join(root, newest, 'bin', 'postgres');
}

await main();
