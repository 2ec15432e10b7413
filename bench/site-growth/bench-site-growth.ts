// Growth of a site's repository under the scaffolded workflow: N simulated hourly runs of
// `feedmill run` over F feeds that gain a few items an hour (and now and then edit one), each
// run followed by the workflow's own commit step (read from templates/site/.github/workflows/
// feedmill.yml) pushing to a bare "origin". Reports the origin's size after `git gc`
// (`git count-objects -vH`) against the total size of the posts it holds.
// Usage: node --import tsx bench/site-growth/bench-site-growth.ts [--runs 48] [--feeds 50] [--seed 1]
//        [--commit-state-db]   (also commit .feedmill/state.db every run: the design not taken)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { seededRandom } from '../lib/seeded-random.ts';

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '48' },
    feeds: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    'commit-state-db': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const feedCount = Number(values.feeds);
const seed = Number(values.seed);
const HANZI =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 3)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  return result.stdout;
}

/** One item of a feed, the same bytes for the same (feed, index, revision). */
function item(feed: number, index: number, revision: number): string {
  const random = seededRandom(seed * 1_000_003 + feed * 10_007 + index);
  const hanzi = (length: number) =>
    Array.from({ length }, () => HANZI[Math.floor(random() * HANZI.length)]).join('');
  const paragraphs = Array.from(
    { length: 4 + Math.floor(random() * 8) },
    () => `<p>${hanzi(60 + Math.floor(random() * 140))}</p>`,
  );
  if (random() < 0.5)
    paragraphs.splice(
      1,
      0,
      `<p><img src="https://img.example.cn/${feed}/${index}.jpg" alt="${hanzi(6)}"></p>`,
    );
  if (revision > 0) paragraphs.push(`<p>更新 ${revision}：${hanzi(40)}</p>`);
  const date = new Date(Date.UTC(2026, 10, 1) + index * 1_200_000 + feed * 1000).toUTCString();
  return `<item><title><![CDATA[${hanzi(14)} ${feed}-${index}]]></title><description><![CDATA[${paragraphs.join('')}]]></description><pubDate>${date}</pubDate><guid isPermaLink="false">https://news.example.cn/${feed}/${index}</guid><link>https://news.example.cn/${feed}/${index}.html</link></item>`;
}

/** The workflow's commit step, as the scaffolded site has it. */
function commitStep(): string {
  const workflow = parse(
    readFileSync(join(REPO, 'templates', 'site', '.github', 'workflows', 'feedmill.yml'), 'utf8'),
  );
  const steps = workflow.jobs.build.steps as Array<{ run?: string }>;
  const step = steps.find((candidate) => candidate.run?.startsWith('git config user.name'));
  if (!step?.run) throw new Error('the workflow template has no commit step');
  return step.run;
}

function sizeOf(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      files++;
      bytes += statSync(join(entry.parentPath, entry.name)).size;
    }
  return { files, bytes };
}

const work = mkdtempSync(join(tmpdir(), 'feedmill-growth-'));
const origin = join(work, 'origin.git');
const site = join(work, 'site');
const feedsDir = join(work, 'feeds');
mkdirSync(site);
mkdirSync(feedsDir);
const git = (args: string[], cwd = site) => run('git', args, cwd);
const config = {
  hexo: '.',
  fsync: false,
  feeds: Array.from({ length: feedCount }, (_unused, feed) => ({
    url: join(feedsDir, `feed-${feed}.xml`),
    name: `feed-${feed}`,
    categories: ['Bench', `Site ${feed}`],
    limit: 15,
  })),
};
writeFileSync(join(site, 'feedmill.yml'), JSON.stringify(config, null, 2));
// As the scaffolded site's .gitignore has it: the state committed as text, not the database.
writeFileSync(join(site, '.gitignore'), 'node_modules/\n.feedmill/*\n!.feedmill/state.jsonl\n');
// The site's own feedmill, which the commit step calls through npx (state export).
const tsx = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
mkdirSync(join(site, 'node_modules', '.bin'), { recursive: true });
writeFileSync(
  join(site, 'node_modules', '.bin', 'feedmill'),
  `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${join(REPO, 'src', 'cli', 'bin.ts')}" "$@"\n`,
  { mode: 0o755 },
);
git(['init', '--quiet', '--initial-branch', 'main']);
git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', 'add', '--all']);
git(['-c', 'user.name=bench', '-c', 'user.email=bench@example.org', 'commit', '--quiet', '-m', 'site']);
run('git', ['clone', '--quiet', '--bare', site, origin], work);
git(['remote', 'add', 'origin', origin]);
git(['fetch', '--quiet', 'origin']);
git(['branch', '--quiet', '--set-upstream-to', 'origin/main']);

const random = seededRandom(seed);
const counts = Array.from({ length: feedCount }, () => 15);
const revisions = new Map<string, number>();
const script = join(work, 'commit-step.sh');
let step = commitStep();
// The variant not taken: the binary state database committed beside the posts on every run.
if (values['commit-state-db'])
  step = step.replace(
    'git add --all source/_posts',
    'git add --all source/_posts && git add --force .feedmill/state.db',
  );
writeFileSync(script, step);
const cli = [process.execPath, '--import', tsx, join(REPO, 'src', 'cli', 'bin.ts')];
const started = performance.now();
let feedmillMs = 0;
for (let hour = 0; hour < runs; hour++) {
  for (let feed = 0; feed < feedCount; feed++) {
    if (hour > 0) counts[feed]! += Math.floor(random() * 5); // 0–4 new items, 2 on average
    // Now and then a publisher edits a recent item: its post is rewritten (a changed post).
    const edited = counts[feed]! - 2;
    if (hour > 0 && random() < 0.02)
      revisions.set(`${feed}/${edited}`, (revisions.get(`${feed}/${edited}`) ?? 0) + 1);
    const newest = Array.from({ length: 15 }, (_unused, back) => counts[feed]! - 1 - back);
    const items = newest.map((index) => item(feed, index, revisions.get(`${feed}/${index}`) ?? 0));
    writeFileSync(
      join(feedsDir, `feed-${feed}.xml`),
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://news.example.cn/${feed}/</link><description>bench</description>${items.join('')}</channel></rss>`,
    );
  }
  const before = performance.now();
  run(cli[0]!, [...cli.slice(1), 'run', '--quiet'], site);
  feedmillMs += performance.now() - before;
  run('bash', ['-e', script], site, { ...process.env, npm_config_offline: 'true' });
}
const elapsed = (performance.now() - started) / 1000;

run('git', ['gc', '--quiet'], origin);
const objects = Object.fromEntries(
  run('git', ['count-objects', '-v'], origin)
    .trim()
    .split('\n')
    .map((line) => line.split(': ') as [string, string]),
);
const packBytes = (Number(objects['size-pack']) + Number(objects.size)) * 1024;
const posts = sizeOf(join(site, 'source', '_posts'));
const commits = Number(run('git', ['rev-list', '--count', 'main'], origin).trim());
const human = run('git', ['count-objects', '-vH'], origin).trim();
const result = {
  runs,
  feeds: feedCount,
  seed,
  commitStateDb: values['commit-state-db'],
  commits,
  posts: posts.files,
  postsBytes: posts.bytes,
  repositoryBytes: packBytes,
  ratio: Number((packBytes / posts.bytes).toFixed(3)),
  feedmillSecondsPerRun: Number((feedmillMs / runs / 1000).toFixed(2)),
  elapsedSeconds: Number(elapsed.toFixed(1)),
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
};
console.log(human);
console.log(JSON.stringify(result, null, 2));
console.log(
  `\n${runs} runs × ${feedCount} feeds: ${posts.files} posts, ${(posts.bytes / 1048576).toFixed(2)} MiB of posts; ` +
    `repository after git gc ${(packBytes / 1048576).toFixed(2)} MiB = ${result.ratio}× the posts (target ≤ 1.3×), ${commits} commits`,
);
mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(REPO, 'bench', 'results', `site-growth${values['commit-state-db'] ? '-state-db' : ''}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
if (!values.keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
