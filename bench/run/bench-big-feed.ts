// Memory of one big feed processed end to end: `feedmill run` on a fresh Hexo site whose one feed,
// served over HTTP on 127.0.0.1, holds --items items (20,000 ≈ 52 MB, the case), written
// up to the config's `limit` (10,000, the most it allows). Prints the peak RSS (the kernel's
// VmHWM of the child, what /usr/bin/time calls maximum resident set size), CPU time, and an RSS
// sample every 20 ms so that the peak can be placed in the run.
// Usage: node --import tsx bench/run/bench-big-feed.ts [--items 20000] [--limit 10000] [--runs 3]
//          [--cli path/to/bin.js] [--file feed.xml] [--trace]
// --cli runs another build (default: dist/bundle/bin.js, what `npx feedmill` runs); --file serves
// that document instead of the generated one; --trace prints the samples.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBigFeed } from '../lib/rsshub-corpus.ts';
import { runMeasured } from '../lib/run-measured.ts';

const REPO = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    limit: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    cli: { type: 'string' },
    file: { type: 'string' },
    trace: { type: 'boolean' },
  },
});

function feedFile(): string {
  if (values.file) return resolve(values.file);
  const items = Number(values.items);
  const folder = join(REPO, 'bench', 'corpus');
  const file = join(folder, `big-${items}.xml`);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, generateBigFeed(items));
  }
  return file;
}

function serve(body: Buffer): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': body.length,
    });
    // In chunks, as a network delivers it.
    let offset = 0;
    const more = (): void => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', more);
          return;
        }
      }
      response.end();
    };
    more();
  });
  return new Promise((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen(server)));
}

/** The child's resident set size now, in KiB (0 once it has gone). */
function rssKib(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

interface Figures {
  peakMiB: number;
  cpuS: number;
  wallS: number;
  created: number;
  samples: [number, number][];
  stderr: string;
}

async function runOnce(url: string): Promise<Figures> {
  const site = mkdtempSync(join(tmpdir(), 'feedmill-big-'));
  writeFileSync(join(site, '_config.yml'), 'title: bench\nsource_dir: source\n');
  writeFileSync(
    join(site, 'feedmill.yml'),
    `hexo: .\nfsync: false\nhttp: { max_bytes: 104857600 }\nfeeds:\n  - url: ${url}\n    name: big\n    categories: [Bench, Big, big]\n    limit: ${values.limit}\n`,
  );
  const samples: [number, number][] = [];
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const run = await runMeasured(
      values.cli ? resolve(values.cli) : join(REPO, 'dist/bundle/bin.js'),
      ['run', '--config', join(site, 'feedmill.yml'), '--json'],
      {
        nodeArgs: process.env.BIG_NODE_ARGS ? process.env.BIG_NODE_ARGS.split(' ') : [],
        watch: (child) => {
          timer = setInterval(() => {
            if (child.pid) samples.push([Math.round(performance.now() - started), rssKib(child.pid)]);
          }, 20);
        },
      },
    );
    const report = JSON.parse(run.stdout) as { feeds: { status: string; created?: number }[] };
    const feed = report.feeds[0];
    if (feed?.status !== 'ok') throw new Error(`the feed failed: ${JSON.stringify(feed)}`);
    return {
      peakMiB: run.maxRssMiB,
      cpuS: run.cpuMs / 1000,
      wallS: run.wallMs / 1000,
      created: feed.created ?? 0,
      samples,
      stderr: run.stderr,
    };
  } finally {
    clearInterval(timer);
    rmSync(site, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const file = feedFile();
  const body = readFileSync(file);
  const server = await serve(body);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.xml`;
  console.log(
    `# ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB), limit ${values.limit}, load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log('| run | peak RSS | CPU | wall | posts written |');
  console.log('|-----|----------|-----|------|---------------|');
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      const figures = await runOnce(url);
      console.log(
        `| ${run} | ${figures.peakMiB.toFixed(0)} MiB | ${figures.cpuS.toFixed(2)} s | ${figures.wallS.toFixed(2)} s | ${figures.created} |`,
      );
      if (values.trace) console.log(figures.stderr);
      if (values.trace)
        console.log(figures.samples.map(([ms, kib]) => `${ms}:${Math.round(kib / 1024)}`).join(' '));
    }
  } finally {
    server.close();
  }
  console.log('\nTarget: peak RSS ≤ 250 MiB end to end.');
}

await main();
