import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { scaffoldSite } from './scaffold-site.ts';
import { THEME_PRESETS } from './theme-presets.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-init-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const options = { theme: 'volantis', timezone: 'Asia/Shanghai', feedmillVersion: '^0.1.0' };

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
  assert.deepEqual(pkg.allowScripts, { 'better-sqlite3': true });
  assert.ok(pkg.hexo, 'hexo-cli recognises the site');
  const site = parse(readFileSync(join(root, '_config.yml'), 'utf8'));
  assert.equal(site.theme, 'volantis');
  assert.equal(site.timezone, 'Asia/Shanghai');
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

test('the workflow installs, runs feedmill, keeps the state, generates and deploys to Pages', () => {
  const workflow = parse(readFileSync(join(dir, 'My News', '.github', 'workflows', 'feedmill.yml'), 'utf8'));
  assert.ok(workflow.on.schedule[0].cron);
  const steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> =
    workflow.jobs.build.steps;
  const runs = steps.map((step) => step.run ?? step.uses ?? '');
  const order = [
    'npm ci',
    'actions/cache@v4',
    'npx feedmill run',
    'npx hexo generate',
    'actions/upload-pages-artifact@v3',
  ];
  const positions = order.map((needle) => runs.findIndex((step) => step.startsWith(needle)));
  assert.ok(
    positions.every((position, index) => position >= 0 && (index === 0 || position > positions[index - 1]!)),
    runs.join(' | '),
  );
  const cache = steps.find((step) => step.uses === 'actions/cache@v4')!;
  assert.match(cache.with!.path!, /\.feedmill/);
  assert.match(cache.with!.path!, /source\/_posts/);
  assert.equal(workflow.jobs.deploy.steps[0].uses, 'actions/deploy-pages@v4');
  assert.equal(workflow.permissions.pages, 'write');
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
