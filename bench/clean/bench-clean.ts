/**
 * Benchmark of the clean stage on RSSHub-style bodies against a bare htmlparser2 parse +
 * dom-serializer round trip (the floor), htmlparser2 + dom-serializer doing the same
 * transformations, and sanitize-html, in one run; and the clean stage writing Hexo's form. Usage: node --import tsx bench/clean/bench-clean.ts [items=200] [rounds=5]
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseFragment, serialize } from 'parse5';
import { sanitizeHtml } from '../../src/clean/index.ts';
import { HEXO_MARKUP } from '../../src/render/hexo/index.ts';
import { generateCorpus } from './generate-corpus.ts';
import { roundTrip, sanitizeHtmlClean, treeClean } from './tree-baseline.ts';

const items = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 5);
const corpus = generateCorpus(items);
const bytes = corpus.reduce((sum, html) => sum + Buffer.byteLength(html), 0);
const BASES = [
  'https://finance.sina.com.cn/china/2021-12-16/doc-1.shtml',
  'https://rsshub.example/sina/finance',
];
const REMOVE = ['.appendQr_wrap', '.article-editor'];

const contenders: Array<[string, (html: string) => string]> = [
  ['feedmill clean', (html) => sanitizeHtml(html, { bases: BASES }).html],
  ['htmlparser2 parse + dom-serializer (round trip only)', roundTrip],
  ['parse5 parse + serialize (round trip only)', (html) => serialize(parseFragment(html))],
  ['htmlparser2 + dom-serializer', (html) => treeClean(html, BASES)],
  ['feedmill clean, remove rules', (html) => sanitizeHtml(html, { bases: BASES, remove: REMOVE }).html],
  ['htmlparser2 + dom-serializer, remove', (html) => treeClean(html, BASES, REMOVE)],
  ['sanitize-html', (html) => sanitizeHtmlClean(html, BASES)],
  ['feedmill clean, Hexo escaping', (html) => sanitizeHtml(html, { bases: BASES, markup: HEXO_MARKUP }).html],
];

// The baseline must do the same work: its output must equal feedmill's.
const same = corpus.filter(
  (html) => sanitizeHtml(html, { bases: BASES }).html === treeClean(html, BASES),
).length;
if (same !== corpus.length)
  console.warn(`warning: baseline output differs on ${corpus.length - same} bodies`);

// CPU time of this process decides the ratios: on a shared machine other processes' load would
// otherwise decide them. Single-threaded work, so it is the work done. Wall time is shown beside
// it, to tell how much the machine's load stretched the run.
function timeOnce(clean: (html: string) => string): { cpu: number; wall: number } {
  const start = process.cpuUsage();
  const wallStart = performance.now();
  let size = 0;
  for (const html of corpus) size += clean(html).length;
  if (size === 0) throw new Error('no output');
  const wall = performance.now() - wallStart;
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall };
}

// Warm up every contender, then interleave rounds so drift hits all alike; keep the best round.
for (const [, clean] of contenders) timeOnce(clean);
const best = new Map<string, number>();
const bestWall = new Map<string, number>();
for (let round = 0; round < rounds; round++) {
  for (const [name, clean] of contenders) {
    const { cpu, wall } = timeOnce(clean);
    best.set(name, Math.min(best.get(name) ?? Infinity, cpu));
    bestWall.set(name, Math.min(bestWall.get(name) ?? Infinity, wall));
  }
}

const megabytes = bytes / 1024 / 1024;
const reference = best.get('htmlparser2 parse + dom-serializer (round trip only)')!;
console.log(
  `corpus: ${items} bodies, ${megabytes.toFixed(2)} MiB (seeded); best of ${rounds} rounds; ` +
    `baseline output identical on ${same}/${corpus.length}; load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores\n`,
);
console.log('| implementation | CPU ms | wall ms | MiB/s (CPU) | speed vs htmlparser2 round trip (CPU) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name] of contenders) {
  const ms = best.get(name)!;
  console.log(
    `| ${name} | ${ms.toFixed(1)} | ${bestWall.get(name)!.toFixed(1)} | ${(megabytes / (ms / 1000)).toFixed(1)} | ${(reference / ms).toFixed(2)}x |`,
  );
}
