/**
 * Benchmark of a full-text run: N items whose article pages are served on 127.0.0.1, each
 * fetched through feedmill's page fetcher (one request at a time per host, as in a real run)
 * and extracted by Readability, on linkedom and on jsdom, each in its own child process so
 * each has its own peak RSS; rounds alternate. Usage:
 *   node --import tsx bench/full-text/bench-full-text.ts [items=200] [rounds=3]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../src/errors.ts';
import { createPageFetcher, DEFAULT_FETCH_OPTIONS, DEFAULT_PAGE_FETCH } from '../../src/fetch/index.ts';
import type { Item, Subscription } from '../../src/model.ts';
import { plainText } from '../../src/parse/index.ts';
import {
  type ArticleDocument,
  createFullTextProcessor,
  type ParseDocument,
} from '../../src/process/full-text/index.ts';
import type { ProcessContext } from '../../src/process/index.ts';
import { generatePages } from './generate-pages.ts';

const SELF = fileURLToPath(import.meta.url);
const MAX_RSS = fileURLToPath(new URL('../run/max-rss.mjs', import.meta.url));
const [, , first, second, third] = process.argv;

// Each child loads only its own DOM, so its peak RSS is its own; `baseline` loads the
// processor and fetches nothing, to show what the runtime itself takes.
const PARSERS: Record<string, () => Promise<ParseDocument | undefined>> = {
  baseline: async () => undefined,
  linkedom: async () => undefined, // the processor's default
  jsdom: async () => {
    // Loaded untyped: @types/jsdom adds the DOM library to the whole project's type check.
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
      JSDOM: new (html: string, options: { url: string }) => { window: { document: unknown } };
    };
    return (html, url) => new JSDOM(html, { url }).window.document as ArticleDocument;
  },
};

if (first === '--child') await child(second!, third!);
else await parent(Number(first ?? 200), Number(second ?? 3));

/** One measured run in this process: every page fetched and extracted once. */
async function child(dom: string, origin: string): Promise<void> {
  const paths = dom === 'baseline' ? [] : (JSON.parse(process.env.BENCH_PATHS ?? '[]') as string[]);
  const fetcher = createPageFetcher({ ...DEFAULT_FETCH_OPTIONS, ...DEFAULT_PAGE_FETCH });
  const items: Item[] = paths.map((path) => ({
    key: path,
    url: `${origin}${path}`,
    title: path,
    html: '<p>summary</p>',
    published: new Date(0),
    publishedKnown: true,
    authors: [],
    tags: [],
  }));
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const context: ProcessContext = {
    subscription: {
      name: 'bench',
      source: 'bench',
      locations: [],
      categories: [],
      limit: items.length,
      timezone: 'UTC',
      fullText: { kind: 'page', remove: [] },
    } satisfies Subscription,
    feed: { version: 'https://jsonfeed.org/version/1.1', title: 'bench', items: [] },
    now: new Date(),
    fetchPage: fetcher,
    cache: { get: (_, key) => values.get(key), set: (_, key, value) => void values.set(key, value) },
    known: new Set(),
    diagnostics,
  };
  const parse = await PARSERS[dom]!();
  const processor = createFullTextProcessor(parse ? { parse } : {});
  const cpu = process.cpuUsage();
  const start = performance.now();
  const out = await processor.process(items, context);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  fetcher.close();
  const extracted = out.filter((item) => item.html !== '<p>summary</p>').length;
  // The article text of each page, to check that both DOMs made Readability pick the same.
  const texts = out.map((item) => plainText(item.html).replace(/\s+/g, ' '));
  process.stdout.write(
    `${JSON.stringify({ wall, cpu: (used.user + used.system) / 1000, extracted, fallbacks: diagnostics.length, texts })}\n`,
  );
}

async function parent(count: number, rounds: number): Promise<void> {
  const pages = generatePages(count);
  const bytes = [...pages.values()].reduce((sum, page) => sum + Buffer.byteLength(page), 0);
  const server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (page === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = { ...process.env, BENCH_PATHS: JSON.stringify([...pages.keys()]) };
  const results = new Map<string, Measured[]>();
  for (let round = 0; round < rounds; round++) {
    for (const dom of Object.keys(PARSERS)) {
      const run = await runChild(dom, origin, env);
      results.set(dom, [...(results.get(dom) ?? []), run]);
    }
  }
  server.close();
  console.log(
    `full text of ${count} pages (${(bytes / 1024 / 1024).toFixed(1)} MiB), page fetcher per-host 1, ` +
      `best of ${rounds} rounds; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`,
  );
  const reference = results.get('linkedom')![0]!.texts;
  console.log('dom       pages/s (wall)  CPU ms/page  peak RSS MiB  extracted  same text as linkedom');
  for (const [dom, runs] of results) {
    if (dom === 'baseline') {
      const rss = Math.max(...runs.map((run) => run.rss));
      console.log(
        `baseline  (node + tsx + feedmill modules, no page)          ${(rss / 1024).toFixed(0).padStart(12)}`,
      );
      continue;
    }
    const wall = Math.min(...runs.map((run) => run.wall));
    const cpu = Math.min(...runs.map((run) => run.cpu));
    const rss = Math.max(...runs.map((run) => run.rss));
    const { extracted } = runs[0]!;
    console.log(
      `${dom.padEnd(9)} ${((count / wall) * 1000).toFixed(1).padStart(14)}  ${(cpu / count).toFixed(2).padStart(11)}  ` +
        `${(rss / 1024).toFixed(0).padStart(12)}  ${`${extracted}/${count}`.padStart(9)}  ` +
        `${runs[0]!.texts.filter((text, index) => text === reference[index]).length}/${count}`,
    );
  }
}

interface Measured {
  wall: number;
  cpu: number;
  rss: number;
  extracted: number;
  fallbacks: number;
  texts: string[];
}

function runChild(dom: string, origin: string, env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', MAX_RSS, SELF, '--child', dom, origin],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /max-rss-kib (\d+)/.exec(err);
      if (code !== 0 || rss === null) return reject(new Error(`${dom} child failed (${code}): ${err}`));
      resolve({ ...JSON.parse(out.trim().split('\n').at(-1)!), rss: Number(rss[1]) });
    });
  });
}
