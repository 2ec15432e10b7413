import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { scaffoldSite } from './scaffold-site.ts';
import { DEFAULT_THEME, THEME_PRESETS } from './theme-presets.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-init-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const options = {
  theme: 'volantis',
  timezone: 'Asia/Shanghai',
  feedmill: { kind: 'registry', range: '^0.1.0' },
} as const;

test('writes a Hexo 8 site with the theme, its config, feedmill.yml and the workflow', () => {
  const root = join(dir, 'My News');
  const result = scaffoldSite({ ...options, dir: root });
  assert.deepEqual(result.files.sort(), [
    '.github/workflows/feedmill.yml',
    '.gitignore',
    '_config.volantis.yml',
    '_config.yml',
    'feedmill.yml',
    'package.json',
    'scripts/feedmill.js',
  ]);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'my-news');
  assert.equal(pkg.dependencies.hexo, '^8.1.2');
  assert.equal(pkg.dependencies['hexo-theme-volantis'], '^6.8.3');
  assert.ok(pkg.dependencies['hexo-renderer-marked']);
  assert.ok(pkg.dependencies['hexo-renderer-stylus']);
  assert.equal(pkg.dependencies.feedmill, '^0.1.0');
  assert.deepEqual(pkg.allowScripts, { 'better-sqlite3': true, 'hexo-util': false });
  assert.ok(pkg.hexo, 'hexo-cli recognises the site');
  const site = parse(readFileSync(join(root, '_config.yml'), 'utf8'));
  assert.equal(site.theme, 'volantis');
  assert.equal(site.timezone, 'Asia/Shanghai');
  // What keeps the build within a CI runner as the site grows (docs/site-at-scale.md).
  assert.equal(pkg.scripts.build, 'hexo generate --concurrency 16');
  assert.deepEqual(site.archive_generator, { per_page: 10, yearly: false, monthly: false });
  assert.deepEqual(parse(readFileSync(join(root, 'feedmill.yml'), 'utf8')).keep, { max_items_per_feed: 200 });
  const feedmillText = readFileSync(join(root, 'feedmill.yml'), 'utf8');
  assert.match(feedmillText, /rsshub:\/sina\/finance/);
  assert.match(feedmillText, /# A plain RSS, Atom or JSON feed/);
  assert.match(feedmillText, /image_keys: volantis/);
  parseConfig(feedmillText, join(root, 'feedmill.yml')); // valid as written
  assert.equal(
    readFileSync(join(root, 'scripts', 'feedmill.js'), 'utf8').trim(),
    "require('feedmill/hexo')(hexo);",
  );
});

test('the default theme, feedmill-news, is copied into themes/ and needs only the EJS renderer', () => {
  assert.equal(DEFAULT_THEME, 'feedmill-news');
  const root = join(dir, 'default-theme');
  const result = scaffoldSite({ ...options, theme: DEFAULT_THEME, dir: root });
  assert.ok(result.files.includes('themes/feedmill-news/'));
  assert.ok(result.files.includes('_config.feedmill-news.yml'));
  for (const file of ['_config.yml', 'layout/layout.ejs', 'layout/post.ejs', 'scripts/feedmill-news.js'])
    assert.ok(existsSync(join(root, 'themes', 'feedmill-news', file)), file);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.ok(pkg.dependencies['hexo-renderer-ejs']);
  assert.deepEqual(
    Object.keys(pkg.dependencies).filter((name) => name.startsWith('hexo-theme-')),
    [],
    'no theme package from npm',
  );
  const site = parse(readFileSync(join(root, '_config.yml'), 'utf8'));
  assert.equal(site.theme, 'feedmill-news');
  assert.deepEqual(site.index_generator, { path: '', per_page: 24, order_by: '-date' });
  assert.deepEqual(site.archive_generator, { per_page: 50, yearly: false, monthly: false });
  const feedmillText = readFileSync(join(root, 'feedmill.yml'), 'utf8');
  assert.match(feedmillText, /image_keys: feedmill-news/);
  parseConfig(feedmillText, join(root, 'feedmill.yml'));
});

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

test('the workflow installs, runs feedmill, commits the posts, generates and deploys to Pages', () => {
  const workflow = parse(readFileSync(join(dir, 'My News', '.github', 'workflows', 'feedmill.yml'), 'utf8'));
  assert.deepEqual(Object.keys(workflow.on).sort(), ['push', 'schedule', 'workflow_dispatch']);
  assert.equal(workflow.on.schedule[0].cron, '17 * * * *');
  for (const path of ['feedmill.yml', '_config.yml', '_config.*.yml', 'package.json', 'package-lock.json'])
    assert.ok(workflow.on.push.paths.includes(path), path);
  // The workflow's own commits touch only source/_posts: they must never match a trigger path.
  assert.ok(!workflow.on.push.paths.some((path: string) => path.startsWith('source')));
  assert.match(workflow.jobs.build.if, /github\.event\.repository\.default_branch/);
  assert.deepEqual(workflow.concurrency, { group: 'feedmill', 'cancel-in-progress': false });
  assert.deepEqual(workflow.permissions, {});
  assert.deepEqual(workflow.jobs.build.permissions, { contents: 'write', actions: 'write' });
  assert.deepEqual(workflow.jobs.deploy.permissions, { pages: 'write', 'id-token': 'write' });
  const steps: Step[] = workflow.jobs.build.steps;
  const runs = steps.map((step) => step.run ?? step.uses ?? '');
  const order = [
    'actions/checkout@v5',
    'npm ci',
    'actions/cache/restore@v5',
    'if [ ! -f .feedmill/state.db ] && [ -f .feedmill/state.jsonl ]',
    'if [ "$GITHUB_EVENT_NAME" = schedule ]',
    'git config user.name',
    'actions/cache/save@v5',
    'if [ -z "$OLD_KEY" ]',
    'npx hexo generate',
    'actions/upload-pages-artifact@v5',
  ];
  const positions = order.map((needle) => runs.findIndex((step) => step.startsWith(needle)));
  assert.ok(
    positions.every((position, index) => position >= 0 && (index === 0 || position > positions[index - 1]!)),
    runs.join(' | '),
  );
  assert.match(steps[0]!.with!.ref!, /^\$\{\{ github\.ref_name \}\}$/);
  // Hexo 16 pages at a time, with room on the heap for ten thousand posts (docs/site-at-scale.md).
  const generate = steps.find((step) => step.run?.startsWith('npx hexo generate'))!;
  assert.equal(generate.run, 'npx hexo generate --concurrency 16');
  assert.equal(generate.env?.NODE_OPTIONS, '--max-old-space-size=5120');
  const commit = steps.find((step) => step.run?.startsWith('git config user.name'))!.run!;
  assert.match(commit, /git add --all source\/_posts/);
  assert.match(
    commit,
    /npx feedmill state export -o \.feedmill\/state\.jsonl\n\s*git add \.feedmill\/state\.jsonl/,
  );
  assert.match(commit, /\[skip ci\]/);
  assert.match(commit, /--allow-empty/);
  assert.match(commit, /git pull --quiet --rebase/);
  // Only the state database is cached, never the posts (they are committed).
  const restore = steps.find((step) => step.uses === 'actions/cache/restore@v5')!;
  assert.equal(restore.with!.path, '.feedmill/state.db');
  // Saved after every run under a key of its own; restored as the newest for these posts.
  assert.match(restore.with!['restore-keys']!, /^\$\{\{ steps\.posts\.outputs\.key \}\}$/);
  const save = steps.find((step) => step.uses === 'actions/cache/save@v5')!;
  assert.equal(save.if, undefined);
  assert.match(save.with!.key!, /^\$\{\{ steps\.posts-now\.outputs\.key \}\}$/);
  assert.match(steps.find((step) => step.id === 'posts-now')!.run!, /-\$GITHUB_RUN_ID-\$GITHUB_RUN_ATTEMPT"/);
  const feedmillRun = steps.find((step) => step.name === 'feedmill run')!.run!;
  assert.match(feedmillRun, /npx feedmill run \$retry \|\| \[ "\$\?" -eq 3 \]/);
  assert.match(feedmillRun, /"\$GITHUB_EVENT_NAME" = schedule/);
  assert.equal(workflow.jobs.deploy.steps[0].uses, 'actions/deploy-pages@v5');
  // Without --rsshub-service: no container, no wait, no instance variable.
  assert.equal(workflow.jobs.build.services, undefined);
  assert.equal(workflow.jobs.build.env, undefined);
  assert.ok(!steps.some((step) => step.id === 'rsshub-ready'));
  const gitignore = readFileSync(join(dir, 'My News', '.gitignore'), 'utf8');
  assert.doesNotMatch(gitignore, /^source\/_posts/m);
  assert.match(gitignore, /^\.feedmill\/\*$/m);
  assert.match(gitignore, /^!\.feedmill\/state\.jsonl$/m);
});

test('--rsshub-service: RSSHub as a service container on localhost:1200, waited for, tried first', () => {
  const root = join(dir, 'with-rsshub');
  scaffoldSite({ ...options, dir: root, rsshubService: true });
  const text = readFileSync(join(root, '.github', 'workflows', 'feedmill.yml'), 'utf8');
  const workflow = parse(text);
  const build = workflow.jobs.build;
  assert.match(build.services.rsshub.image, /^diygod\/rsshub(:|$)/);
  assert.deepEqual(build.services.rsshub.ports, ['1200:1200']);
  assert.match(build.services.rsshub.options, /--health-cmd "curl -fsS http:\/\/localhost:1200\/healthz/);
  assert.equal(build.env.FEEDMILL_RSSHUB_INSTANCES, 'http://localhost:1200');
  const steps: Step[] = build.steps;
  const wait = steps.findIndex((step) => step.id === 'rsshub-ready');
  const run = steps.findIndex((step) => step.name === 'feedmill run');
  assert.ok(wait >= 0 && wait < run);
  assert.match(steps[wait]!.run!, /localhost:1200\/healthz/);
  assert.match(text, /# RSSHub of the site's own/);
  assert.match(
    readFileSync(join(root, 'feedmill.yml'), 'utf8'),
    /# In the GitHub workflow, the site's own RSSHub/,
  );
  assert.doesNotMatch(readFileSync(join(dir, 'My News', 'feedmill.yml'), 'utf8'), /site's own RSSHub/);
  // The instance list the CLI then uses: the service first, feedmill.yml's as the fallback.
  const loaded = parseConfig(readFileSync(join(root, 'feedmill.yml'), 'utf8'), join(root, 'feedmill.yml'), {
    FEEDMILL_RSSHUB_INSTANCES: build.env.FEEDMILL_RSSHUB_INSTANCES,
  });
  assert.deepEqual(loaded.config.rsshub.instances, ['http://localhost:1200', 'https://rsshub.app']);
});

test('a tarball dependency is vendored into the site and depended on by a path inside it', () => {
  const root = join(dir, 'vendored');
  const tarball = join(dir, 'feedmill-0.1.0.tgz');
  writeFileSync(tarball, 'packed');
  const result = scaffoldSite({ ...options, dir: root, feedmill: { kind: 'tarball', tarball } });
  assert.equal(result.feedmillSpec, 'file:vendor/feedmill-0.1.0.tgz');
  assert.ok(result.files.includes('vendor/feedmill-0.1.0.tgz'));
  assert.equal(readFileSync(join(root, 'vendor', 'feedmill-0.1.0.tgz'), 'utf8'), 'packed');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.dependencies.feedmill, 'file:vendor/feedmill-0.1.0.tgz');
});

test('refuses a non-empty folder unless --force', () => {
  const root = join(dir, 'busy');
  mkdirSync(root);
  writeFileSync(join(root, 'notes.txt'), 'mine');
  assert.throws(
    () => scaffoldSite({ ...options, dir: root }),
    (error: unknown) =>
      error instanceof FeedmillError && error.code === 'USAGE' && /--force/.test(error.message),
  );
  scaffoldSite({ ...options, dir: root, force: true });
  assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'mine');
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  scaffoldSite({ ...options, dir: repo });
});

test('every preset has its config template; unknown themes get hexo-theme-<name>', () => {
  for (const theme of Object.keys(THEME_PRESETS)) {
    const root = join(dir, `t-${theme}`);
    scaffoldSite({ ...options, theme, dir: root });
    parse(readFileSync(join(root, `_config.${theme}.yml`), 'utf8'));
  }
  const result = scaffoldSite({ ...options, theme: 'cactus', dir: join(dir, 'cactus') });
  assert.equal(result.unknownTheme, true);
  const pkg = JSON.parse(readFileSync(join(dir, 'cactus', 'package.json'), 'utf8'));
  assert.ok(pkg.dependencies['hexo-theme-cactus']);
  assert.throws(() => scaffoldSite({ ...options, theme: '../evil', dir: join(dir, 'evil') }), FeedmillError);
});
