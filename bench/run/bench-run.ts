// Benchmark of a whole `feedmill run`: a first run and an all-304 run over N
// RSSHub-style feeds served on 127.0.0.1, against feedsmith + htmlparser2/dom-serializer on the
// same bytes, and against hexo-migrator-rss importing the same feeds into a Hexo site.
// Usage: node --import tsx bench/run/bench-run.ts [--feeds 1000] [--migrator-feeds 40] [--scaling] [--no-fsync]
//          [--cli path/to/cli/bin.js] [--feedmill-only] [--reruns 3] [--pairs 3]
// --cli runs that compiled CLI (e.g. a `tsc -p tsconfig.build.json --outDir bench/corpus/cli-x` build, to
// compare two versions) instead of dist/ or the sources; --feedmill-only skips the reference, stages, disk
// floor and hexo-migrator-rss measurements; --reruns repeats the all-304 run and reports each (CPU is noisy).
// --pairs N then alternates the stages alone and a first run on a fresh site N times and reports
// each pair's CPU ratio: on a shared machine the CPU a given piece of work costs drifts by ±20 %
// within minutes, so only figures taken side by side are compared. "The stages" are the run's
// own (renderFeed with the options the run uses, runStagesMs); the simpler loop with default
// options (stagesMs), which does less of the same work, is still printed beside them. Each pair
// also runs the stages in a fresh process of their own (--stages-child, counted from the first
// feed): the first run is a fresh process, which pays V8's compiling of its hot code and slower
// code until then, and the stages here, run again and again in this process, no longer do.
// (BENCH_PROFILE=<dir> in the environment saves a CPU profile of each feedmill run)
// Sites are made under os.tmpdir(). On an ext4 /tmp that has just had tens of thousands of files
// deleted (this bench's own earlier runs), creating files costs the kernel seconds of CPU: ext4
// skips inodes deleted in the last minutes when it allocates new ones (`recently_deleted`), so
// the first run's system time grows run after run (13-15 s instead of 1.3 s for 300 feeds, seen
// with perf). TMPDIR=/dev/shm measures feedmill rather than the file system's state.
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import render from 'dom-serializer';
import { parseRssFeed } from 'feedsmith';
import { parseDocument } from 'htmlparser2';
import { cleanItem } from '../../src/clean/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Diagnostic } from '../../src/errors.ts';
import type { Subscription } from '../../src/model.ts';
import { toItems } from '../../src/normalize/index.ts';
import { parseFeed } from '../../src/parse/index.ts';
import { createPostWriter } from '../../src/pipeline/index.ts';
import { openRunScope, renderFeed } from '../../src/pipeline/render-feed.ts';
import { HEXO_MARKUP, renderPost } from '../../src/render/hexo/index.ts';
import { selectOutputTarget } from '../../src/render/index.ts';
import type { Store } from '../../src/store/index.ts';
import { resolveSubscriptions } from '../../src/subscriptions/index.ts';
import { runMeasured } from '../lib/run-measured.ts';
import { writeCorpus } from './generate-feeds.ts';

const REPO = resolve(import.meta.dirname, '../..');
const SEED = 5;
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    'migrator-feeds': { type: 'string', default: '40' },
    scaling: { type: 'boolean' },
    'no-fsync': { type: 'boolean' },
    cli: { type: 'string' },
    'feedmill-only': { type: 'boolean' },
    reruns: { type: 'string', default: '1' },
    pairs: { type: 'string', default: '0' },
    // Internal: run the stages once in this (fresh) process and print their figures as JSON.
    'stages-child': { type: 'string' },
  },
});
const FEEDS = Number(values.feeds);
const MIGRATOR_FEEDS = Math.min(FEEDS, Number(values['migrator-feeds']));

function corpus(count: number): string[] {
  const folder = join(REPO, 'bench', 'corpus', `run-${SEED}`);
  const paths = Array.from({ length: count }, (_unused, feed) => join(folder, `feed-${feed}.xml`));
  if (paths.every((path) => existsSync(path))) return paths;
  return writeCorpus(folder, count, SEED);
}

function serve(paths: readonly string[]): Promise<Server> {
  const server = createServer((request, response) => {
    const match = /^\/feed-(\d+)\.xml$/.exec(request.url ?? '');
    const path = match ? paths[Number(match[1])] : undefined;
    if (!path) {
      response.writeHead(404).end();
      return;
    }
    const etag = `"${match![1]}-${SEED}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    createReadStream(path).pipe(response);
  });
  return new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(server)));
}

interface RunFigures {
  wallMs: number;
  runMs: number;
  maxRssMiB: number;
  cpuMs: number;
  statuses: Record<string, number>;
}

/** Whether dist/ holds a build at least as new as every source file (run `npm run build`). */
const useBuild = (() => {
  if (values.cli) return true;
  const built = join(REPO, 'dist/bundle/bin.js');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return readdirSync(join(REPO, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .every((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs <= builtAt);
})();

async function runFeedmill(config: string): Promise<RunFigures> {
  const run = await runMeasured(
    values.cli
      ? resolve(values.cli)
      : useBuild
        ? join(REPO, 'dist/bundle/bin.js')
        : join(REPO, 'src/cli/bin.ts'),
    ['run', '--config', config, '--json'],
    {
      nodeArgs: [
        // BENCH_PROFILE=<dir> writes a V8 CPU profile of each feedmill run there.
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
        // The compiled CLI (what `npx feedmill` runs) when it is built and current, else the sources.
        ...(useBuild ? [] : ['--import', 'tsx']),
      ],
    },
  );
  const report = JSON.parse(run.stdout) as { elapsedMs: number; feeds: { status: string }[] };
  const statuses: Record<string, number> = {};
  for (const feed of report.feeds) statuses[feed.status] = (statuses[feed.status] ?? 0) + 1;
  return {
    wallMs: run.wallMs,
    runMs: report.elapsedMs,
    maxRssMiB: run.maxRssMiB,
    cpuMs: run.cpuMs,
    statuses,
  };
}

function snapshot(folder: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.set(path, statSync(path).mtimeMs);
    }
  };
  if (existsSync(folder)) walk(folder);
  return found;
}

function makeSite(url: (feed: number) => string, count: number): string {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-bench-'));
  writeFileSync(join(site, '_config.yml'), 'title: bench\nsource_dir: source\n');
  const feeds = Array.from(
    { length: count },
    (_unused, feed) =>
      `  - url: ${url(feed)}\n    name: f${feed}\n    categories: [Bench, S${feed % 20}, R${feed}]\n    limit: 30\n`,
  ).join('');
  writeFileSync(
    join(site, 'feedmill.yml'),
    `hexo: .\nfsync: ${!values['no-fsync']}\nhttp: { concurrency: 8, per_host: 8 }\nfeeds:\n${feeds}`,
  );
  return site;
}

/** feedsmith parse + htmlparser2 parse + dom-serializer render of every item, on the same bytes. */
function referenceMs(paths: readonly string[]): Timing {
  let total = 0;
  const cpu = process.cpuUsage();
  let items = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    const started = performance.now();
    const feed = parseRssFeed(bytes.toString('utf8'));
    for (const item of feed.items ?? []) {
      const html = item.content?.encoded ?? item.description ?? '';
      render(parseDocument(html).children);
      items++;
    }
    total += performance.now() - started;
  }
  if (items !== paths.length * 30) throw new Error(`reference saw ${items} items`);
  return { wallMs: total, cpuMs: cpuMsSince(cpu) };
}

/** What the disk alone costs for the first run's files: temp file, write ~16 KB, fsync, rename. */
async function diskFloor(files: number, fsync: boolean): Promise<Timing> {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-bench-disk-'));
  const content = 'x'.repeat(16_000);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < files) {
      const index = next++;
      const dir = join(folder, `d${index % 1000}`);
      if (index < 1000) mkdirSync(dir);
      const temporary = join(dir, `.t${index}`);
      const handle = await open(temporary, 'wx');
      await handle.writeFile(content);
      if (fsync) await handle.sync();
      await handle.close();
      await rename(temporary, join(dir, `p${index}.md`));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const timing = { wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
  rmSync(folder, { recursive: true, force: true });
  return timing;
}

/**
 * feedmill's own post writer (temporary file, write, fsync on the thread pool, rename; folders
 * fsynced after each feed) putting the same number of posts: the share of a first run's CPU
 * that writing files costs whatever the stages do.
 */
async function writerFloor(files: number, fsync: boolean): Promise<Timing> {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-bench-writer-'));
  const content = new TextEncoder().encode('x'.repeat(16_000));
  const writer = createPostWriter(folder, { fsync });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  const lane = async () => {
    while (next < files) {
      const index = next++;
      await writer.write(`d${Math.floor(index / 30)}/p${index}.md`, content);
      if (index % 30 === 29) await writer.flush();
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  await writer.flush();
  const timing = { wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
  rmSync(folder, { recursive: true, force: true });
  return timing;
}

/**
 * The stages as a run calls them, on the same bytes: renderFeed (parse, normalize, retention,
 * processors, clean with the run's options: links made absolute against the feed's URL, the
 * default iframe hosts; render with the site's options), for the subscriptions a bench site's
 * config resolves to, with a store that knows nothing (no SQLite in the figure) and no fetch.
 * stagesMs's simpler loop (cleanItem for Hexo and renderPost, without options) does less of that work.
 */
async function runStagesMs(paths: readonly string[], url: (feed: number) => string): Promise<Timing> {
  const site = makeSite(url, paths.length);
  const loaded = loadConfig(join(site, 'feedmill.yml'));
  const subscriptions = resolveSubscriptions(loaded);
  const target = selectOutputTarget(loaded.config.generator, loaded.siteRoot);
  const siteOptions = target.readSite(loaded.siteRoot).options;
  const store = {
    findFeed: () => undefined,
    items: () => new Map(),
    prunedKeys: () => new Set(),
    processorValue: () => undefined,
    setProcessorValue: () => {},
  } as unknown as Store;
  const scope = openRunScope(undefined);
  let total = 0;
  const cpu = process.cpuUsage();
  const now = new Date();
  for (const [feed, path] of paths.entries()) {
    const fetched = {
      kind: 'fetched' as const,
      body: new Uint8Array(readFileSync(path)),
      contentType: 'application/rss+xml; charset=utf-8',
      url: url(feed),
      validators: {},
      location: { kind: 'http' as const, url: url(feed) },
    };
    const started = performance.now();
    const { body, ...answer } = fetched;
    const rendered = await renderFeed(
      subscriptions[feed]!,
      { id: feed + 1, url: url(feed), status: 'active', consecutiveFailures: 0 },
      { bytes: body },
      answer,
      { target, site: siteOptions, retention: undefined, store, now, fetchPage: undefined, scope },
    );
    for (let batch = 0; batch < rendered.batches; batch++) await rendered.renderBatch(batch);
    total += performance.now() - started;
  }
  const timing = { wallMs: total, cpuMs: cpuMsSince(cpu) };
  await scope.close();
  rmSync(site, { recursive: true, force: true });
  return timing;
}

/** feedmill's own pure stages (parse, normalize, clean, render) alone on the same bytes. */
function stagesMs(paths: readonly string[]): Timing {
  let total = 0;
  const cpu = process.cpuUsage();
  const now = new Date();
  for (const [feed, path] of paths.entries()) {
    const bytes = new Uint8Array(readFileSync(path));
    const started = performance.now();
    const parsed = parseFeed(bytes, { url: path, timezone: 'UTC' });
    const diagnostics: Diagnostic[] = [];
    const subscription: Subscription = {
      name: `f${feed}`,
      source: path,
      locations: [{ kind: 'file', path }],
      categories: ['Bench', `S${feed % 20}`, `R${feed}`],
      author: `S${feed % 20}`,
      limit: 30,
      timezone: 'UTC',
    };
    for (const item of toItems(parsed.feed, { now, limit: 30 }, diagnostics)) {
      renderPost(cleanItem(item, { markup: HEXO_MARKUP }), subscription, {});
    }
    total += performance.now() - started;
  }
  return { wallMs: total, cpuMs: cpuMsSince(cpu) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Wall time, and this process's CPU time: on a shared, loaded machine only the CPU time is stable. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function migratorMs(url: (feed: number) => string, count: number): Promise<number> {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-bench-hexo-'));
  writeFileSync(join(site, '_config.yml'), 'title: bench\nsource_dir: source\nnew_post_name: :title.md\n');
  writeFileSync(join(site, 'package.json'), '{"name":"bench-site","private":true}');
  mkdirSync(join(site, 'source', '_posts'), { recursive: true });
  const require = createRequire(join(REPO, 'package.json'));
  const { default: Hexo } = (await import('hexo')) as unknown as {
    default: new (base: string, args: object) => HexoLike;
  };
  const hexo = new Hexo(site, { silent: true });
  await hexo.init();
  await hexo.loadPlugin(require.resolve('hexo-migrator-rss'));
  const started = performance.now();
  for (let feed = 0; feed < count; feed++) await hexo.call('migrate', { _: ['rss', url(feed)] });
  const elapsed = performance.now() - started;
  const written = snapshot(join(site, 'source', '_posts')).size;
  await hexo.exit();
  rmSync(site, { recursive: true, force: true });
  if (written < count * 25) throw new Error(`hexo-migrator-rss wrote only ${written} posts`);
  return elapsed;
}

interface HexoLike {
  init(): Promise<void>;
  loadPlugin(path: string): Promise<void>;
  call(name: string, args: object): Promise<void>;
  exit(): Promise<void>;
}

/**
 * The run's stages over the same feeds in a process of their own, as fresh as the run's: the
 * figures count from the first feed (module loading is left out, as the stages alone in this
 * process leave it out) and include what a fresh process pays on top of this long-lived one,
 * V8 compiling the code it runs often (on its own threads) and running it slower until then.
 */
async function runStagesFresh(port: number): Promise<Timing> {
  const run = await runMeasured(
    join(REPO, 'bench/run/bench-run.ts'),
    ['--feeds', String(FEEDS), '--stages-child', String(port)],
    {
      nodeArgs: [
        '--import',
        'tsx',
        // BENCH_PROFILE=<dir>: the fresh stages' profile too, to hold beside the run's.
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      ],
    },
  );
  return JSON.parse(run.stdout) as Timing;
}

async function main(): Promise<void> {
  const paths = corpus(FEEDS);
  if (values['stages-child'] !== undefined) {
    const port = Number(values['stages-child']);
    const timing = await runStagesMs(paths, (feed) => `http://127.0.0.1:${port}/feed-${feed}.xml`);
    process.stdout.write(JSON.stringify(timing));
    return;
  }
  const bytes = paths.reduce((sum, path) => sum + statSync(path).size, 0);
  const server = await serve(paths);
  const port = (server.address() as AddressInfo).port;
  const url = (feed: number) => `http://127.0.0.1:${port}/feed-${feed}.xml`;
  try {
    const site = makeSite(url, FEEDS);
    const posts = join(site, 'source', '_posts');
    const first = await runFeedmill(join(site, 'feedmill.yml'));
    const before = snapshot(posts);
    const reruns: RunFigures[] = [];
    for (let rerun = 0; rerun < Math.max(1, Number(values.reruns)); rerun++)
      reruns.push(await runFeedmill(join(site, 'feedmill.yml')));
    const after = snapshot(posts);
    const changed =
      [...after].filter(([path, mtime]) => before.get(path) !== mtime).length +
      Math.abs(after.size - before.size);
    rmSync(site, { recursive: true, force: true });
    // The rerun with the least CPU: the machine is shared, and others only ever add time.
    const second = reruns.reduce((best, run) => (run.cpuMs < best.cpuMs ? run : best));

    let scaling: RunFigures | undefined;
    if (values.scaling) {
      const small = makeSite(url, Math.max(1, Math.floor(FEEDS / 4)));
      scaling = await runFeedmill(join(small, 'feedmill.yml'));
      rmSync(small, { recursive: true, force: true });
    }
    // Side by side: the stages alone, then a first run, N times (see --pairs above).
    const pairs: { stagesCpuMs: number; freshStagesCpuMs: number; firstCpuMs: number }[] = [];
    for (let pair = 0; pair < Number(values.pairs); pair++) {
      const stagesCpuMs = (await runStagesMs(paths, url)).cpuMs;
      const freshStagesCpuMs = (await runStagesFresh(port)).cpuMs;
      const fresh = makeSite(url, FEEDS);
      const firstCpuMs = (await runFeedmill(join(fresh, 'feedmill.yml'))).cpuMs;
      rmSync(fresh, { recursive: true, force: true });
      pairs.push({ stagesCpuMs, freshStagesCpuMs, firstCpuMs });
    }
    const only = values['feedmill-only'] === true;
    const floor = only
      ? { wallMs: Number.NaN, cpuMs: Number.NaN }
      : await diskFloor(FEEDS * 30, !values['no-fsync']);
    const writerTiming = only
      ? { wallMs: Number.NaN, cpuMs: Number.NaN }
      : await writerFloor(FEEDS * 30, !values['no-fsync']);
    const none = { wallMs: Number.NaN, cpuMs: Number.NaN };
    const referenceTiming = only ? none : referenceMs(paths);
    const simpleStages = only ? none : stagesMs(paths);
    const stagesTiming = only ? none : await runStagesMs(paths, url);
    const reference = referenceTiming.wallMs;
    const stages = stagesTiming.wallMs;
    const migrator = only ? Number.NaN : await migratorMs(url, MIGRATOR_FEEDS);
    const migratorPerFeed = migrator / MIGRATOR_FEEDS;
    const feedmillPerFeed = first.runMs / FEEDS;

    const mib = (value: number) => `${value.toFixed(0)} MiB`;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rows: [string, string, string][] = [
      [
        'corpus',
        `${FEEDS} feeds × 30 items, ${(bytes / 1024 / 1024).toFixed(0)} MiB`,
        values['no-fsync'] ? 'fsync: false' : 'fsync: true',
      ],
      ['feedsmith + htmlparser2 + dom-serializer (reference)', s(reference), '1.00×'],
      [
        'feedmill parse+normalize+clean+render alone, default options',
        s(simpleStages.wallMs),
        `${(simpleStages.wallMs / reference).toFixed(2)}× reference; first run CPU = ${(first.cpuMs / simpleStages.cpuMs).toFixed(2)}× its CPU`,
      ],
      [
        "feedmill's stages as the run calls them (renderFeed), alone",
        s(stages),
        `${(stages / reference).toFixed(2)}× reference (the "stages" below)`,
      ],
      [
        'feedmill first run (in-process, report.elapsedMs)',
        s(first.runMs),
        `${(first.runMs / reference).toFixed(2)}× reference (target ≤ 1.30×)`,
      ],
      [
        '  of which fetch + plan + write + state',
        s(first.runMs - stages),
        `first run = ${(first.runMs / stages).toFixed(2)}× stages alone`,
      ],
      [
        'feedmill first run CPU time (user + sys)',
        s(first.cpuMs),
        `${(first.cpuMs / stagesTiming.cpuMs).toFixed(2)}× stages CPU (target ≤ 1.30×), ${(first.cpuMs / referenceTiming.cpuMs).toFixed(2)}× reference CPU`,
      ],
      ...(pairs.length > 0
        ? ([
            [
              `first run CPU / stages CPU, ${pairs.length} pairs side by side`,
              pairs.map((pair) => `${s(pair.firstCpuMs)} / ${s(pair.stagesCpuMs)}`).join(', '),
              `${pairs.map((pair) => (pair.firstCpuMs / pair.stagesCpuMs).toFixed(2)).join(' ')}; median ${median(pairs.map((pair) => pair.firstCpuMs / pair.stagesCpuMs)).toFixed(2)}× (target ≤ 1.30×)`,
            ],
            [
              '  the same, the stages in a fresh process as the run is',
              pairs.map((pair) => `${s(pair.firstCpuMs)} / ${s(pair.freshStagesCpuMs)}`).join(', '),
              `${pairs.map((pair) => (pair.firstCpuMs / pair.freshStagesCpuMs).toFixed(2)).join(' ')}; median ${median(pairs.map((pair) => pair.firstCpuMs / pair.freshStagesCpuMs)).toFixed(2)}× (target ≤ 1.30×)`,
            ],
          ] as [string, string, string][])
        : []),
      [
        'CPU time: reference / stages alone',
        `${s(referenceTiming.cpuMs)} / ${s(stagesTiming.cpuMs)}`,
        `stages = ${(stagesTiming.cpuMs / referenceTiming.cpuMs).toFixed(2)}× reference`,
      ],
      [
        'disk floor: create + write + fsync + rename, same posts',
        `${s(floor.wallMs)} wall, ${s(floor.cpuMs)} CPU`,
        `(no parsing; 8 at once) CPU = ${(floor.cpuMs / stagesTiming.cpuMs).toFixed(2)}× stages CPU`,
      ],
      [
        "feedmill's post writer alone, same posts",
        `${s(writerTiming.wallMs)} wall, ${s(writerTiming.cpuMs)} CPU`,
        `CPU = ${(writerTiming.cpuMs / stagesTiming.cpuMs).toFixed(2)}× stages CPU`,
      ],
      [
        'feedmill first run (process wall, incl. startup)',
        s(first.wallMs),
        `${(first.wallMs / reference).toFixed(2)}× reference`,
      ],
      ['feedmill first run peak RSS', mib(first.maxRssMiB), 'target ≤ 300 MiB'],
      ...(scaling
        ? ([
            [
              'feedmill first run peak RSS, N/4 feeds',
              mib(scaling.maxRssMiB),
              `${(first.maxRssMiB / scaling.maxRssMiB).toFixed(2)}× (N vs N/4)`,
            ],
          ] as [string, string, string][])
        : []),
      [
        'feedmill all-304 run (in-process)',
        s(second.runMs),
        `target ≤ 1.5 s; ${JSON.stringify(second.statuses)}`,
      ],
      ['feedmill all-304 run (process wall)', s(second.wallMs), `files written: ${changed}`],
      [
        'feedmill all-304 run CPU time (user + sys)',
        s(second.cpuMs),
        `target ≤ 1.0 s; each: ${reruns.map((run) => s(run.cpuMs)).join(', ')}`,
      ],
      ['feedmill all-304 run peak RSS', mib(second.maxRssMiB), ''],
      [`hexo-migrator-rss, ${MIGRATOR_FEEDS} feeds`, s(migrator), `${s(migratorPerFeed)} per feed`],
      [
        'per feed: hexo-migrator-rss / feedmill',
        `${s(migratorPerFeed)} / ${s(feedmillPerFeed)}`,
        `${(migratorPerFeed / feedmillPerFeed).toFixed(1)}×`,
      ],
    ];
    const width = Math.max(...rows.map((row) => row[0].length));
    const valueWidth = Math.max(...rows.map((row) => row[1].length));
    process.stdout.write(
      `feedmill: ${values.cli ?? (useBuild ? 'dist/ (compiled)' : 'src/ through tsx')}; load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}; first run statuses: ${JSON.stringify(first.statuses)}\n`,
    );
    for (const [name, value, ratio] of rows)
      process.stdout.write(`${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${ratio}\n`);
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

await main();
// Hexo leaves timers and watchers behind.
process.exit(0);
