import assert from 'node:assert/strict';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { parseDocument } from 'yaml';
import { buildPackageInto } from '../support/build-package.ts';
import { REPO_ROOT, runCommand } from '../support/hexo-site.ts';
import { FakeActionsCache } from './fake-actions-cache.ts';
import { readWorkflowJob, runJobSteps, type StepResult, type WorkflowStep } from './workflow-steps.ts';

// Two "CI runs" of the site's own workflow, each in a fresh clone of the site's repository with
// no cache: the build job's run: steps are read from the scaffolded workflow file and run in
// order (actions/* steps, which need GitHub, are left out). Offline: npm ci --offline installs
// from the npm cache that the repository's own npm ci filled, and the vendored feedmill tarball.

const work = mkdtempSync(join(tmpdir(), 'feedmill-ci-runs-'));
after(() => rmSync(work, { recursive: true, force: true }));
const site = join(work, 'site');
const origin = join(work, 'origin.git');

/** Items served per route by the RSSHub stand-in; the test adds items between runs. */
const feeds = new Map<string, number>([
  ['/news/world', 2],
  ['/news/tech', 2],
  ['/news/markets', 2],
]);
let goneRequests = 0;
/** Each feed's entity tag changes with its items and with this (a new lastBuildDate, say). */
let tagVersion = 1;
/** What the stand-in answered the three live feeds: full answers, and 304s to If-None-Match. */
const answered = { full: 0, notModified: 0 };
let server: Server;
let base = '';

function rss(route: string, count: number): string {
  const items = Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const day = String(n).padStart(2, '0');
    return `<item><title>${route.slice(6)} story ${n}</title><link>https://example.org${route}/${n}</link><guid>https://example.org${route}/${n}</guid><pubDate>Tue, ${day} Dec 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Story ${n} of ${route}.&lt;/p&gt;</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${route}</title><link>https://example.org${route}</link><description>stand-in</description>${items.reverse().join('')}</channel></rss>`;
}

/** The environment of a CI run here: nothing from the network, no install scripts. */
function ciEnv(event = 'schedule'): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GITHUB_EVENT_NAME: event,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // better-sqlite3's install script compiles its binding (minutes on two cores); the built
    // binding of this repository is copied in after `npm ci` instead (provideNativeBinding).
    npm_config_ignore_scripts: 'true',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

async function git(args: string[], cwd: string): Promise<string> {
  const result = await runCommand('git', args, cwd, undefined, {
    ...process.env,
    GIT_AUTHOR_NAME: 'Site Owner',
    GIT_AUTHOR_EMAIL: 'owner@example.org',
    GIT_COMMITTER_NAME: 'Site Owner',
    GIT_COMMITTER_EMAIL: 'owner@example.org',
  });
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function provideNativeBinding(clone: string): (step: WorkflowStep) => void {
  return (step) => {
    if (step.run?.trim() !== 'npm ci') return;
    const release = join('node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(join(clone, release), { recursive: true });
    copyFileSync(
      join(REPO_ROOT, release, 'better_sqlite3.node'),
      join(clone, release, 'better_sqlite3.node'),
    );
  };
}

/**
 * Gives each registry package of a lock file its tarball URL, as npm's default config writes
 * them: `npm ci --offline` then takes each tarball from the cache by its integrity. (The
 * repository's lock file is written without them, and without them npm ci needs every
 * package's metadata, which the cache may not hold.)
 */
async function addResolvedUrls(lockFile: string): Promise<void> {
  const registry = (await runCommand('npm', ['config', 'get', 'registry'], work)).stdout
    .trim()
    .replace(/\/?$/, '/');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages: Record<string, { name?: string; version?: string; resolved?: string; link?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.resolved || entry.link || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved = new URL(`${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, registry).href;
  }
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
}

/** Every post under source/_posts: path relative to the site → content. */
function posts(root: string): Map<string, string> {
  const folder = join(root, 'source', '_posts');
  const found = new Map<string, string>();
  if (!existsSync(folder)) return found;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile())
      found.set(
        relative(root, join(entry.parentPath, entry.name)),
        readFileSync(join(entry.parentPath, entry.name), 'utf8'),
      );
  return found;
}

/** What `${{ github.* }}` gives in the workflow's steps here. */
const GITHUB_CONTEXT = { token: 'stand-in-token', run_id: '0', ref_name: 'main' };

/**
 * One CI run: a fresh clone of origin, the workflow's build steps in order. With `cache`, its
 * cache steps and `gh cache` use that stand-in (as run number `runId`); without, they are skipped.
 */
async function ciRun(
  name: string,
  event: string,
  cache?: { cache: FakeActionsCache; runId: number },
): Promise<{ clone: string; results: StepResult[] }> {
  const clone = join(work, name);
  await git(['clone', '--quiet', origin, clone], work);
  const job = readWorkflowJob(join(clone, '.github', 'workflows', 'feedmill.yml'), 'build');
  const env = ciEnv(event);
  if (cache) {
    env.PATH = `${cache.cache.ghFolder}${delimiter}${env.PATH}`;
    env.GITHUB_RUN_ID = String(cache.runId);
  }
  const results = await runJobSteps(job, clone, env, {
    afterStep: provideNativeBinding(clone),
    github: { ...GITHUB_CONTEXT, run_id: String(cache?.runId ?? 0) },
    ...(cache && { uses: (step, inputs) => cache.cache.stepOutputs(step, inputs, clone) }),
  });
  const failed = results.find((result) => result.code !== 0);
  assert.equal(
    failed,
    undefined,
    failed && `step "${failed.step.name ?? failed.step.run}" failed:\n${failed.output}`,
  );
  const ran = results.map((result) => result.step.run?.split('\n')[0]);
  assert.ok(
    ran.includes('npm ci') && ran.some((run) => run?.startsWith('npx hexo generate')),
    ran.join(' | '),
  );
  return { clone, results };
}

before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/news/gone') goneRequests++;
    const count = feeds.get(path);
    if (count === undefined) {
      response.writeHead(404).end('no such route');
      return;
    }
    const etag = `"${count}.${tagVersion}"`;
    if (request.headers['if-none-match'] === etag) {
      answered.notModified++;
      response.writeHead(304, { etag }).end();
      return;
    }
    answered.full++;
    response
      .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag })
      .end(rss(path, count));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // This checkout as a built package (its `files` and a dist/ built here, so the dist/ other
  // tests use is not rebuilt under them), and its own `feedmill init` packing itself into the site
  // (no install scripts: `prepare` has nothing to build in the staged copy).
  const packaged = join(work, 'feedmill');
  mkdirSync(packaged);
  copyFileSync(join(REPO_ROOT, 'package.json'), join(packaged, 'package.json'));
  copyFileSync(join(REPO_ROOT, 'README.md'), join(packaged, 'README.md'));
  for (const folder of ['bin', 'hexo', 'templates'])
    cpSync(join(REPO_ROOT, folder), join(packaged, folder), { recursive: true });
  // Its dependencies, for running it (npm pack leaves node_modules out).
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(packaged, 'node_modules'), 'dir');
  buildPackageInto(packaged);
  const init = await runCommand(
    process.execPath,
    [
      join(packaged, 'bin', 'feedmill.js'),
      'init',
      'site',
      '--from',
      'tarball',
      '--no-lockfile',
      '--timezone',
      'UTC',
    ],
    work,
    undefined,
    ciEnv(),
  );
  assert.equal(init.code, 0, init.stderr);
  assert.match(
    init.stdout,
    /feedmill is vendored: package\.json has "feedmill": "file:vendor\/feedmill-[\d.]+\.tgz"/,
  );

  // Offline stand-ins: the repository's test theme instead of the theme from npm (not in the
  // npm cache), and the lock file resolved from the repository's own lock file.
  const pkgFile = join(site, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
  const kept = [
    'feedmill',
    'hexo',
    'hexo-renderer-marked',
    'hexo-generator-index',
    'hexo-generator-archive',
    'hexo-generator-category',
    'hexo-generator-tag',
  ];
  pkg.dependencies = Object.fromEntries(
    Object.entries(pkg.dependencies).filter(([name]) => kept.includes(name)),
  );
  pkg.dependencies['hexo-renderer-ejs'] = '^2.0.0';
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'hexo-theme'), join(site, 'themes', 'feedmill-test'), {
    recursive: true,
  });
  const siteYml = parseDocument(readFileSync(join(site, '_config.yml'), 'utf8'));
  siteYml.set('theme', 'feedmill-test');
  writeFileSync(join(site, '_config.yml'), siteYml.toString());
  copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(site, 'package-lock.json'));
  const lock = await runCommand('npm', ['install', '--package-lock-only'], site, undefined, ciEnv());
  assert.equal(lock.code, 0, lock.stderr);
  await addResolvedUrls(join(site, 'package-lock.json'));

  // The feeds: RSSHub routes on the stand-in, and one route that always fails.
  const config = parseDocument(readFileSync(join(site, 'feedmill.yml'), 'utf8'));
  config.setIn(['rsshub', 'instances'], [base]);
  config.set('feeds', [
    ...[...feeds.keys()].map((route) => ({
      url: `rsshub:${route}`,
      name: route.slice(6),
      categories: ['News', route.slice(6)],
    })),
    { url: 'rsshub:/news/gone', name: 'gone', categories: ['News', 'gone'] },
  ]);
  writeFileSync(join(site, 'feedmill.yml'), config.toString());

  await git(['init', '--quiet', '--initial-branch', 'main'], site);
  await git(['add', '--all'], site);
  await git(['commit', '--quiet', '-m', 'News site'], site);
  await git(['clone', '--quiet', '--bare', site, origin], work);
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the site repository holds everything npm ci needs, and no path outside it', async () => {
  const tracked = (await git(['ls-files'], site)).split('\n');
  assert.ok(tracked.includes('package-lock.json'));
  assert.ok(
    tracked.some((file) => /^vendor\/feedmill-[\d.]+\.tgz$/.test(file)),
    tracked.join(' '),
  );
  const lock = readFileSync(join(site, 'package-lock.json'), 'utf8');
  assert.match(lock, /"resolved": "file:vendor\/feedmill-[\d.]+\.tgz"/);
  assert.doesNotMatch(lock, /file:\.\.|"resolved": "file:\//);
});

test('two CI runs from fresh clones with no cache: posts kept, nothing rewritten, new items added', async () => {
  const first = await ciRun('ci-1', 'schedule');
  const firstPosts = posts(first.clone);
  assert.equal(firstPosts.size, 6, [...firstPosts.keys()].join('\n'));
  const feedmillRun = first.results.find((result) => result.step.name === 'feedmill run')!;
  assert.match(feedmillRun.output, /gone/, 'the failing feed is reported, and the build goes on');
  assert.ok(existsSync(join(first.clone, 'public', 'index.html')));
  const pushed = await git(['log', '-1', '--format=%an|%s', 'main'], origin);
  assert.match(pushed, /^github-actions\[bot\]\|feedmill: 6 posts \[skip ci\]$/);
  const tracked = (await git(['ls-tree', '-r', '--name-only', 'main'], origin)).split('\n');
  assert.ok(tracked.includes('.feedmill/state.jsonl'), 'the state is committed as text');
  assert.ok(!tracked.some((file) => file.endsWith('state.db')), 'the state database is not');
  const afterFirst = await git(['rev-parse', 'main'], origin);

  // Later: one new item in each feed, and a run by hand (which retries the failing feed at
  // once) on a new runner, so a new clone and no cache.
  for (const [route, count] of feeds) feeds.set(route, count + 1);
  const second = await ciRun('ci-2', 'workflow_dispatch');
  const secondPosts = posts(second.clone);
  assert.equal(secondPosts.size, 9, [...secondPosts.keys()].join('\n'));
  for (const [path, text] of firstPosts) assert.equal(secondPosts.get(path), text, `${path} was rewritten`);
  // The state came from the state.jsonl the first run committed (no cache here).
  const imported = second.results.find((result) => result.step.name === 'Import the committed state')!;
  assert.match(imported.output, /^imported 4 feed\(s\), 6 item\(s\)/m, imported.output);
  const changes = (await git(['diff', '--name-status', afterFirst, 'main'], origin)).split('\n');
  const postChanges = changes.filter((line) => line.includes('source/_posts/'));
  assert.equal(postChanges.length, 3, changes.join('\n'));
  assert.ok(
    postChanges.every((line) => line.startsWith('A\t')),
    changes.join('\n'),
  );
  assert.deepEqual(
    changes.filter((line) => !line.includes('source/_posts/')),
    ['M\t.feedmill/state.jsonl'],
  );
  assert.match(await git(['log', '-1', '--format=%s', 'main'], origin), /^feedmill: 3 posts \[skip ci\]$/);

  // The next hourly run in the same clone (as with the state cache restored): nothing new, no
  // commit, and the failing feed waits out its backoff.
  const before = await git(['rev-parse', 'main'], origin);
  const job = readWorkflowJob(join(second.clone, '.github', 'workflows', 'feedmill.yml'), 'build');
  const gone = goneRequests;
  // (node_modules is left from the run before: npm ci would install the same again.)
  const again = await runJobSteps(job, second.clone, ciEnv('schedule'), {
    only: (step) => step.run?.trim() !== 'npm ci',
    github: GITHUB_CONTEXT,
  });
  assert.ok(
    again.every((result) => result.code === 0),
    again.map((result) => result.output).join('\n'),
  );
  assert.match(
    again.find((result) => result.step.run?.startsWith('git config'))!.output,
    /No new or changed posts/,
  );
  assert.equal(await git(['rev-parse', 'main'], origin), before);
  assert.equal(posts(second.clone).size, 9);
  assert.equal(goneRequests, gone, 'a scheduled run leaves a backed-off feed alone');
  // A push (say, the feed's url fixed) runs the failing feed at once.
  const byPush = await runJobSteps(job, second.clone, ciEnv('push'), {
    only: (step) => step.name === 'feedmill run',
  });
  assert.equal(byPush.length, 1);
  assert.equal(byPush[0]!.code, 0, byPush[0]!.output);
  assert.ok(goneRequests > gone, 'a pushed run retries the failing feed');
});

test('the state database goes through the Actions cache after every run, quiet ones too, one entry kept', async () => {
  const cache = new FakeActionsCache(join(work, 'actions-cache'));
  const gone = goneRequests;
  // A new runner, an empty cache: the state comes from state.jsonl; nothing new in any feed.
  const first = await ciRun('cache-1', 'schedule', { cache, runId: 11 });
  assert.match(
    first.results.find((result) => result.step.name === 'Import the committed state')!.output,
    /^imported 4 feed\(s\), 9 item\(s\)/m,
  );
  const postsKey = first.results.find((result) => result.step.id === 'posts')!.outputs.key!;
  assert.match(postsKey, /^feedmill-state-[0-9a-f]{40}$/);
  assert.deepEqual(cache.keys(), [`${postsKey}-11-1`], 'a run that wrote nothing saves the state');

  // The feeds answer with new entity tags and no new item: a quiet run whose only news is the
  // validators, which live in the state database alone (no commit, so no state.jsonl).
  tagVersion++;
  const head = await git(['rev-parse', 'main'], origin);
  const second = await ciRun('cache-2', 'schedule', { cache, runId: 12 });
  assert.equal(await git(['rev-parse', 'main'], origin), head, 'nothing to commit');
  assert.equal(
    second.results.find((result) => result.step.name === 'Import the committed state')!.output,
    '',
    'the cached database is used, not state.jsonl',
  );
  const deleted = second.results.find(
    (result) => result.step.name === 'Delete the superseded state database',
  )!;
  assert.doesNotMatch(deleted.output, /::notice::/);
  assert.deepEqual(cache.keys(), [`${postsKey}-12-1`], 'the superseded database is deleted');

  // The next run sends the validators the quiet run received: every live feed answers 304.
  const before = { ...answered };
  await ciRun('cache-3', 'schedule', { cache, runId: 13 });
  assert.equal(answered.full, before.full, 'no feed was fetched in full');
  assert.equal(answered.notModified, before.notModified + 3);
  assert.deepEqual(cache.keys(), [`${postsKey}-13-1`]);
  assert.equal(goneRequests, gone, 'the failing feed stays backed off from run to run');
});
