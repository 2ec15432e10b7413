// A/B of the single-process SQLite mode between two compiled feedmill CLIs (e.g. the commit
// before the PostgreSQL work and HEAD, each built with `npx tsc -p tsconfig.build.json` in a
// `git worktree`): a first `feedmill run` and an all-304 rerun of N feeds of the bench/run corpus
// (bench/corpus/run-5, made by bench/run/bench-run.ts), alternating the CLIs each round, since the
// machine's load changes. Prints one JSON line per run (elapsed, CPU time, peak RSS) and a summary.
// Usage: node bench/scale-out/compare-sqlite-run.mjs <feeds> <rounds> <cli.js> <cli.js> ...
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const [feeds, rounds, ...clis] = process.argv.slice(2);
const FEEDS = Number(feeds);
const REPO = new URL('../..', import.meta.url).pathname;
const corpus = join(REPO, 'bench/corpus/run-5');
const server = createServer((request, response) => {
  const match = /^\/feed-(\d+)\.xml$/.exec(request.url ?? '');
  if (!match) return response.writeHead(404).end();
  const etag = `"${match[1]}-5"`;
  if (request.headers['if-none-match'] === etag) return response.writeHead(304, { etag }).end();
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
  createReadStream(join(corpus, `feed-${match[1]}.xml`)).pipe(response);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
function site() {
  const dir = mkdtempSync(join(tmpdir(), 'feedmill-ab-'));
  writeFileSync(join(dir, '_config.yml'), 'title: bench\nsource_dir: source\n');
  const list = Array.from(
    { length: FEEDS },
    (_u, f) =>
      `  - url: http://127.0.0.1:${port}/feed-${f}.xml\n    name: f${f}\n    categories: [Bench, S${f % 20}, R${f}]\n    limit: 30\n`,
  ).join('');
  writeFileSync(
    join(dir, 'feedmill.yml'),
    `hexo: .\nfsync: true\nhttp: { concurrency: 8, per_host: 8 }\nfeeds:\n${list}`,
  );
  return dir;
}
function run(cli, config) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', join(REPO, 'bench/run/max-rss.mjs'), cli, 'run', '--config', config, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${cli}: ${err.slice(-1000)}`));
      const report = JSON.parse(out);
      resolve({
        elapsedMs: report.elapsedMs,
        cpuMs: Number(/cpu-us (\d+)/.exec(err)[1]) / 1000,
        rssMiB: Number(/max-rss-kib (\d+)/.exec(err)[1]) / 1024,
      });
    });
  });
}
const results = [];
for (let round = 0; round < Number(rounds); round++) {
  for (const cli of clis) {
    const dir = site();
    const load = loadavg()[0];
    const first = await run(cli, join(dir, 'feedmill.yml'));
    const second = await run(cli, join(dir, 'feedmill.yml'));
    rmSync(dir, { recursive: true, force: true });
    const row = { round, cli, load: Math.round(load * 10) / 10, first, second };
    results.push(row);
    console.log(JSON.stringify(row));
  }
}
server.close();
console.log(JSON.stringify({ feeds: FEEDS, results }));
