// What a scaffolded site costs to build as it grows: `feedmill init --theme <preset>` (installed
// offline from this repo's node_modules, Hexo 8), N feedmill posts of ~16 KB HTML made from the
// seeded corpus (bench/run/generate-feeds.ts, 100 items per feed), then `hexo generate` twice:
// clean (after `hexo clean`) and unchanged. Each child runs under GNU time, so the figures are
// the child's own CPU (user+sys), wall time and peak RSS. `--generator hugo` scaffolds with
// `feedmill init --generator hugo` instead (feedmill's Hugo target and built-in news theme) and
// builds with /usr/bin/hugo as the site's workflow does (`hugo --minify`).
// Usage: node --import tsx bench/site/bench-site.ts [--theme volantis,landscape] [--posts 1000,2000]
//        [--generator hexo|hugo] [--heap-mib 6144] [--gomemlimit 5GiB] [--no-unchanged] [--profile DIR]
//        [--keep] [--label NAME] [--no-build]
// --no-build measures feedmill's run only (a site too big to build on this machine).
// --gomemlimit sets GOMEMLIMIT for Hugo (a Go program): its garbage collector then works harder
// to keep the heap under that limit.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { installSiteOffline } from '../../test/cli/install-site.ts';
import { REPO_ROOT, TSX_ARGS } from '../../test/support/hexo-site.ts';
import { generateFeed } from '../run/generate-feeds.ts';

const SEED = 14;
const ITEMS_PER_FEED = 100;
const { values } = parseArgs({
  options: {
    theme: { type: 'string', default: 'volantis' },
    posts: { type: 'string', default: '1000' },
    generator: { type: 'string', default: 'hexo' },
    'heap-mib': { type: 'string' },
    gomemlimit: { type: 'string' },
    'no-unchanged': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
  },
});

/** What GNU time reports about one child. */
interface Measure {
  cpuSeconds: number;
  wallSeconds: number;
  maxRssMiB: number;
  exitCode: number;
}

/** Runs a command under /usr/bin/time; throws on failure unless `allowFailure`. */
function measured(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  allowFailure = false,
): Measure & { output: string } {
  const timeFile = join(tmpdir(), `feedmill-bench-time-${process.pid}`);
  const result = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %e %M %x', command, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const [user, sys, wall, rss] = readFileSync(timeFile, 'utf8')
    .trim()
    .split('\n')
    .at(-1)!
    .split(' ')
    .map(Number);
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 && !allowFailure)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output.slice(-3000)}`);
  return {
    cpuSeconds: round(user! + sys!),
    wallSeconds: round(wall!),
    maxRssMiB: Math.round(rss! / 1024),
    exitCode: result.status ?? 1,
    output,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

function feedmill(args: string[], cwd: string): Measure & { output: string } {
  return measured(
    process.execPath,
    [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), ...args],
    cwd,
    process.env,
  );
}

/** A scaffolded site of `theme` with `posts` feedmill posts; returns its root. */
function makeSite(work: string, theme: string, posts: number): { root: string; run: Measure } {
  const root = join(work, 'news');
  const kind = hugo ? ['--generator', 'hugo'] : ['--theme', theme];
  feedmill(['init', 'news', ...kind, '--timezone', 'UTC', '--from', 'registry', '--no-lockfile'], work);
  if (!hugo) installSiteOffline(root, { build: false });
  const feedsDir = join(root, 'feeds');
  mkdirSync(feedsDir);
  const feedCount = Math.ceil(posts / ITEMS_PER_FEED);
  const configFile = join(root, 'feedmill.yml');
  const config = parseDocument(readFileSync(configFile, 'utf8'));
  const feeds = Array.from({ length: feedCount }, (_unused, feed) => {
    const file = join(feedsDir, `feed-${feed}.xml`);
    const items = Math.min(ITEMS_PER_FEED, posts - feed * ITEMS_PER_FEED);
    writeFileSync(file, generateFeed(feed, SEED, items));
    // A news site's shape: a few top categories, one site each, one route per feed.
    return {
      url: `feeds/feed-${feed}.xml`,
      name: `f${feed}`,
      categories: [`C${feed % 5}`, `S${feed % 20}`, `R${feed}`],
      limit: items,
    };
  });
  config.set('feeds', config.createNode(feeds));
  config.set('fsync', false);
  writeFileSync(configFile, config.toString());
  const run = feedmill(['run', '--quiet'], root);
  return { root, run };
}

function countFiles(folder: string, suffix: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true }).filter((name) => String(name).endsWith(suffix)).length;
}

interface Row {
  generator: string;
  theme: string;
  format: string;
  posts: number;
  feedmill?: Measure;
  clean?: Measure;
  unchanged?: Measure;
  pages: number;
  heapMiB?: number;
  gomemlimit?: string;
  load: number[];
}

const rows: Row[] = [];
const hexoCli = join(REPO_ROOT, 'node_modules', 'hexo-cli', 'bin', 'hexo');
const heap = values['heap-mib'] ? Number(values['heap-mib']) : undefined;

function hexoEnv(extra: string[] = []): NodeJS.ProcessEnv {
  const options = [...(heap ? [`--max-old-space-size=${heap}`] : []), ...extra];
  return { ...process.env, NODE_OPTIONS: options.join(' ') };
}

function hexoGenerate(root: string, tag: string): Measure {
  const profile = values.profile
    ? [`--cpu-prof`, `--cpu-prof-dir=${resolve(values.profile)}`, `--cpu-prof-name=${tag}.cpuprofile`]
    : [];
  // The site's own build command (package.json `build`), as its workflow runs it.
  const build = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { build: string } }
  ).scripts.build;
  const args = build.split(' ').slice(1);
  const result = measured(process.execPath, [...profile, hexoCli, ...args], root, hexoEnv(), true);
  if (result.exitCode !== 0)
    console.error(`hexo generate (${tag}) exited ${result.exitCode}: ${result.output.slice(-600)}`);
  const { output: _output, ...measure } = result;
  return measure;
}

function hugoBuild(site: string): Measure {
  const { output, ...measure } = measured(
    '/usr/bin/hugo',
    // As the scaffolded workflow builds the site.
    ['--minify', '--quiet'],
    site,
    values.gomemlimit ? { ...process.env, GOMEMLIMIT: values.gomemlimit } : process.env,
    true,
  );
  if (measure.exitCode !== 0) console.error(`hugo exited ${measure.exitCode}: ${output.slice(-600)}`);
  return measure;
}

const hugo = values.generator === 'hugo';
const format = hugo ? 'html' : 'md';
for (const theme of values.theme.split(',')) {
  for (const posts of values.posts.split(',').map(Number)) {
    const work = mkdtempSync(join(tmpdir(), `feedmill-site-bench-${theme}-${posts}-`));
    const { root, run } = makeSite(work, theme, posts);
    const { output: _run, ...feedmillRun } = run as Measure & { output: string };
    const postsDir = hugo ? join(root, 'content', 'posts') : join(root, 'source', '_posts');
    const written = countFiles(postsDir, '.md') + countFiles(postsDir, '.html');
    if (written !== posts) throw new Error(`feedmill wrote ${written} posts, expected ${posts}`);
    if (values['no-build']) {
      const row: Row = {
        generator: hugo ? 'hugo 0.111' : 'hexo 8',
        theme: hugo ? 'feedmill-news' : theme,
        format,
        posts,
        feedmill: feedmillRun,
        pages: 0,
        load: loadavg().map(round),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    } else if (!hugo) {
      measured(process.execPath, [hexoCli, 'clean'], root, hexoEnv());
      const clean = hexoGenerate(root, `${theme}-${posts}-clean`);
      const unchanged =
        values['no-unchanged'] || clean.exitCode !== 0
          ? undefined
          : hexoGenerate(root, `${theme}-${posts}-unchanged`);
      const row: Row = {
        generator: 'hexo 8',
        theme,
        format,
        posts,
        feedmill: feedmillRun,
        clean,
        ...(unchanged ? { unchanged } : {}),
        pages: countFiles(join(root, 'public'), '.html'),
        ...(heap ? { heapMiB: heap } : {}),
        load: loadavg().map(round),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    } else {
      const clean = hugoBuild(root);
      const unchanged = values['no-unchanged'] ? undefined : hugoBuild(root);
      const row: Row = {
        generator: 'hugo 0.111',
        theme: 'feedmill-news',
        format,
        posts,
        feedmill: feedmillRun,
        clean,
        ...(unchanged ? { unchanged } : {}),
        pages: countFiles(join(root, 'public'), '.html'),
        ...(values.gomemlimit ? { gomemlimit: values.gomemlimit } : {}),
        load: loadavg().map(round),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    if (values.keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

const table = rows.map(
  (row) =>
    `| ${row.generator} | ${row.theme} | ${row.format} | ${row.posts} | ${row.feedmill ? `${row.feedmill.cpuSeconds} s / ${row.feedmill.maxRssMiB} MiB` : '—'} | ${row.clean ? cell(row.clean) : '—'} | ${row.unchanged ? cell(row.unchanged) : '—'} | ${row.pages} | ${row.load.join(' ')} |`,
);
function cell(measure: Measure): string {
  const failed = measure.exitCode === 0 ? '' : ` (exit ${measure.exitCode})`;
  return `${measure.cpuSeconds} s CPU, ${measure.wallSeconds} s, ${measure.maxRssMiB} MiB${failed}`;
}
console.log(
  [
    '| generator | theme | post format | posts | feedmill run (CPU / RSS) | build, clean (CPU, wall, peak RSS) | build, unchanged | pages | load (1/5/15 min) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...table,
  ].join('\n'),
);
mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
const name = `site${values.label ? `-${values.label}` : ''}-${values.theme.replaceAll(',', '+')}-${values.posts.replaceAll(',', '+')}.json`;
writeFileSync(join(REPO_ROOT, 'bench', 'results', name), `${JSON.stringify(rows, null, 2)}\n`);
