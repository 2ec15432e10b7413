/**
 * Parser benchmark: feedmill's parseFeed against feedsmith, rss-parser, @rowanmanning/feed-parser
 * and htmlparser2's tokenizer/parser with empty handlers, each measured in its own child
 * process on the same deterministic corpus (bench/lib/rsshub-corpus.ts).
 *
 *   node --import tsx bench/parse/run-parse-bench.ts [--feeds 10] [--corpus mixed|rsshub] [--big-items 20000] [--no-big] [--no-linear] [--only-same]
 *
 * The workers are compiled with bench/parse/tsconfig.bench.json into bench/corpus/build first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBigFeed } from '../lib/rsshub-corpus.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
// Workers run compiled, on plain node: a TypeScript loader in the process would distort both
// the timings and the peak RSS that the memory target is about.
const compiled = spawnSync(
  process.execPath,
  [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(here, 'tsconfig.bench.json')],
  {
    stdio: 'inherit',
  },
);
if (compiled.status !== 0) throw new Error('could not compile the benchmark worker');
const worker = join(here, '../corpus/build/bench/parse/parse-worker.js');
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '10' },
    corpus: { type: 'string', default: 'mixed' },
    'big-items': { type: 'string', default: '20000' },
    'no-big': { type: 'boolean', default: false },
    'no-linear': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    hostile: { type: 'boolean', default: false },
    'only-hostile': { type: 'boolean', default: false },
    'only-same': { type: 'boolean', default: false },
  },
});

const XML_PARSERS = [
  'feedmill',
  'feedsmith',
  'rss-parser',
  '@rowanmanning/feed-parser',
  'htmlparser2 Tokenizer (empty)',
  'htmlparser2 Parser (empty)',
];

function run<T>(args: string[]): T {
  const result = spawnSync(process.execPath, ['--expose-gc', worker, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) return { error: result.stderr.trim().split('\n').slice(-3).join(' ') } as T;
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}

const pad = (text: string, width: number): string => text.padEnd(width);
const num = (value: number | undefined, digits = 1): string =>
  value === undefined ? '—' : value.toFixed(digits);

interface Throughput {
  name: string;
  bytes: number;
  mbps: number;
  cpuMbps?: number;
  error?: string;
}

function throughputTable(kind: 'xml' | 'json', parsers: string[]): void {
  // Each parser is measured `repeat` times, interleaved with the others, and its best run kept:
  // on a shared machine that is the run least disturbed by other processes.
  const best = new Map<string, Throughput>();
  for (let round = 0; round < Number(values.repeat); round++) {
    for (const name of parsers) {
      const row = run<Throughput>(['throughput', name, values.feeds!, kind, values.corpus!]);
      const known = best.get(name);
      if (!known || known.error || (!row.error && row.mbps > known.mbps)) best.set(name, { ...row, name });
    }
  }
  const rows = parsers.map((name) => best.get(name)!);
  const feedmill = rows.find((row) => row.name === 'feedmill');
  console.log(
    `\n## Throughput, ${kind === 'xml' ? 'RSS + Atom' : 'JSON Feed'}, ${values.corpus} corpus (${num((rows[0]?.bytes ?? 0) / 1e6)} MB; fastest round, best of ${values.repeat} processes)\n`,
  );
  console.log(
    `${pad('parser', 32)}${pad('MB/s', 10)}${pad('feedmill ÷ this', 18)}${pad('CPU MB/s', 10)}feedmill ÷ this (CPU)`,
  );
  for (const row of rows) {
    if (row.error) {
      console.log(`${pad(row.name ?? '?', 32)}error: ${row.error}`);
      continue;
    }
    const ratio = feedmill?.mbps ? `${num(feedmill.mbps / row.mbps, 2)}×` : '—';
    const cpuRatio = feedmill?.cpuMbps && row.cpuMbps ? `${num(feedmill.cpuMbps / row.cpuMbps, 2)}×` : '—';
    console.log(
      `${pad(row.name, 32)}${pad(num(row.mbps), 10)}${pad(ratio, 18)}${pad(num(row.cpuMbps), 10)}${cpuRatio}`,
    );
  }
}

interface Ratio {
  wall: number;
  cpu: number;
}

interface SameProcess {
  xmlBytes: number;
  jsonBytes: number;
  best: Record<string, { ms: number; cpuMs: number }>;
  xmlVsFeedsmith?: Ratio;
  xmlVsTokenizer?: Ratio;
  jsonVsFeedsmith?: Ratio;
  jsonVsJsonParse?: Ratio;
  allVsFeedsmith?: Ratio;
  error?: string;
}

/**
 * The headline ratios: feedmill, feedsmith and the raw tokenizer in one process (see `same` in
 * parse-worker.ts), `repeat` processes; each ratio's median and range over them. Saved to
 * bench/results/parse-<corpus>.json with the load average and the commit.
 */
function sameProcessTable(): void {
  const runs: SameProcess[] = [];
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < Number(values.repeat); round++)
    runs.push(run<SameProcess>(['same', values.feeds!, values.corpus!]));
  const ok = runs.filter((entry) => !entry.error);
  console.log(
    `\n## Same process, ${values.corpus} corpus: feedmill ÷ other (throughput), median [min–max] of ${ok.length} processes\n`,
  );
  if (ok.length === 0) {
    console.log(`error: ${runs[0]?.error}`);
    return;
  }
  console.log(
    `RSS + Atom ${num(ok[0]!.xmlBytes / 1e6, 2)} MB, JSON Feed ${num(ok[0]!.jsonBytes / 1e6, 2)} MB\n`,
  );
  console.log(`${pad('ratio', 34)}${pad('CPU', 22)}wall`);
  const keys: Array<[keyof SameProcess, string]> = [
    ['xmlVsFeedsmith', 'RSS + Atom vs feedsmith'],
    ['xmlVsTokenizer', 'RSS + Atom vs raw tokenizer'],
    ['jsonVsFeedsmith', 'JSON Feed vs feedsmith'],
    ['jsonVsJsonParse', 'JSON Feed vs JSON.parse'],
    ['allVsFeedsmith', 'whole corpus vs feedsmith'],
  ];
  const summary: Record<string, { cpu: number[]; wall: number[] }> = {};
  for (const [key, label] of keys) {
    const ratios = ok.map((entry) => entry[key] as Ratio | undefined).filter((ratio) => ratio !== undefined);
    if (ratios.length === 0) continue;
    const cpu = ratios.map((ratio) => ratio.cpu).sort((a, b) => a - b);
    const wall = ratios.map((ratio) => ratio.wall).sort((a, b) => a - b);
    summary[key] = { cpu, wall };
    const show = (list: number[]) =>
      `${num(list[Math.floor(list.length / 2)], 2)}× [${num(list[0], 2)}–${num(list.at(-1), 2)}]`;
    console.log(`${pad(label, 34)}${pad(show(cpu), 22)}${show(wall)}`);
  }
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repo,
    encoding: 'utf8',
  }).stdout.trim();
  const results = join(repo, 'bench/results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, `parse-${values.corpus}.json`),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit,
        node: process.version,
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        feedsPerFormat: Number(values.feeds),
        corpus: values.corpus,
        ratios: summary,
        runs,
      },
      null,
      2,
    )}\n`,
  );
}

sameProcessTable();
if (values['only-same']) process.exit(0);

if (values.hostile || values['only-hostile']) {
  // Keys of HOSTILE in parse-worker.ts: each runs in its own process, so its peak RSS is its own.
  const cases = ['nesting 100k balanced', 'nesting 1M unclosed', 'billion laughs', 'quadratic 100k x 10k'];
  console.log('\n## Hostile documents (feedmill, one process each)\n');
  console.log(
    `${pad('case', 26)}${pad('MB', 8)}${pad('items', 8)}${pad('ms', 10)}${pad('peak RSS MiB', 14)}diagnostics`,
  );
  for (const key of cases) {
    const row = run<{
      bytes: number;
      ms: number;
      items: number;
      codes: string[];
      peakMiB: number;
      error?: string;
    }>(['hostile', 'feedmill', ...key.split(' ')]);
    if (row.error) console.log(`${pad(key, 26)}error: ${row.error}`);
    else
      console.log(
        `${pad(key, 26)}${pad(num(row.bytes / 1e6, 2), 8)}${pad(String(row.items), 8)}${pad(num(row.ms, 0), 10)}${pad(num(row.peakMiB, 0), 14)}${row.codes.join(', ')}`,
      );
  }
}
if (values['only-hostile']) process.exit(0);

throughputTable('xml', XML_PARSERS);
throughputTable('json', ['feedmill', 'feedsmith', 'JSON.parse']);

if (!values['no-big']) {
  const items = Number(values['big-items']);
  const dir = join(here, '../corpus');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `big-${items}.xml`);
  writeFileSync(file, generateBigFeed(items));
  console.log(`\n## One big feed (${items} items), one process per parser\n`);
  console.log(
    `${pad('parser', 32)}${pad('MB', 8)}${pad('items', 8)}${pad('ms', 10)}${pad('base MiB', 10)}peak RSS MiB`,
  );
  for (const name of XML_PARSERS) {
    const row = run<{
      name: string;
      bytes: number;
      ms: number;
      items?: number;
      baselineMiB: number;
      peakMiB: number;
      error?: string;
    }>(['big', name, file]);
    if (row.error) console.log(`${pad(name, 32)}error: ${row.error}`);
    else
      console.log(
        `${pad(name, 32)}${pad(num(row.bytes / 1e6), 8)}${pad(String(row.items ?? '—'), 8)}${pad(num(row.ms, 0), 10)}${pad(num(row.baselineMiB, 0), 10)}${num(row.peakMiB, 0)}`,
      );
  }
}

if (!values['no-linear']) {
  console.log('\n## Linearity (feedmill, generated RSS of n items)\n');
  const row = run<{ sizes: Array<{ items: number; bytes: number; ms: number }> }>([
    'linear',
    'feedmill',
    '1000',
    '2000',
    '4000',
    '8000',
    '16000',
  ]);
  console.log(`${pad('items', 8)}${pad('MB', 8)}${pad('ms', 10)}µs/item`);
  for (const size of row.sizes ?? [])
    console.log(
      `${pad(String(size.items), 8)}${pad(num(size.bytes / 1e6), 8)}${pad(num(size.ms, 0), 10)}${num((size.ms * 1000) / size.items, 0)}`,
    );
}
