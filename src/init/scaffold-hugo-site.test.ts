import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../config/index.ts';
import { scaffoldHugoSite } from './scaffold-hugo-site.ts';
import { TEMPLATES_DIR } from './scaffold-site.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-init-hugo-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const options = { timezone: 'Asia/Shanghai', feedmill: { kind: 'registry', range: '^0.1.0' } } as const;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

test('writes a Hugo site: config, theme, feedmill.yml for Hugo, package.json', () => {
  const root = join(dir, 'news');
  const result = scaffoldHugoSite({ ...options, dir: root });
  assert.deepEqual(result.files.sort(), [
    '.github/workflows/feedmill.yml',
    '.gitignore',
    'feedmill.yml',
    'hugo.yaml',
    'package.json',
    'themes/feedmill-news/',
  ]);
  const hugo = parse(readFileSync(join(root, 'hugo.yaml'), 'utf8'));
  assert.equal(hugo.timeZone, 'Asia/Shanghai');
  assert.equal(hugo.theme, 'feedmill-news');
  assert.ok(hugo.params.pagerSize > 0);
  // Hugo 0.162 and later refuse the HTML posts unless allowed; no `paginate` (ignored there).
  assert.deepEqual(hugo.security.allowContent, ['^text/html$', '^text/markdown$']);
  assert.equal(hugo.paginate, undefined);
  const loaded = parseConfig(readFileSync(join(root, 'feedmill.yml'), 'utf8'), join(root, 'feedmill.yml'));
  assert.equal(loaded.config.generator, 'hugo');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.dependencies, { feedmill: '^0.1.0' });
  assert.equal(pkg.scripts.build, 'hugo --minify');
  assert.ok(existsSync(join(root, 'content', 'posts')));
  for (const layout of ['index.html', '_default/single.html', '_default/list.html', '_default/terms.html'])
    assert.ok(existsSync(join(root, 'themes', 'feedmill-news', 'layouts', layout)), layout);
});

test('the workflow runs feedmill, commits content/posts and the state, builds with a pinned Hugo, deploys', () => {
  const text = readFileSync(join(dir, 'news', '.github', 'workflows', 'feedmill.yml'), 'utf8');
  assert.doesNotMatch(text, /source\/_posts|hexo generate/);
  const workflow = parse(text);
  assert.equal(workflow.on.schedule[0].cron, '17 * * * *');
  for (const path of ['feedmill.yml', 'hugo.yaml', 'themes/**', 'layouts/**'])
    assert.ok(workflow.on.push.paths.includes(path), path);
  // The workflow's own commits touch only content/posts: they must never match a trigger path.
  assert.ok(!workflow.on.push.paths.some((path: string) => path.startsWith('content')));
  assert.deepEqual(workflow.concurrency, { group: 'feedmill', 'cancel-in-progress': false });
  assert.deepEqual(workflow.jobs.build.permissions, { contents: 'write', actions: 'write', pages: 'read' });
  assert.deepEqual(workflow.jobs.deploy.permissions, { pages: 'write', 'id-token': 'write' });
  const steps: Step[] = workflow.jobs.build.steps;
  const index = (match: (step: Step) => boolean, what: string) => {
    const found = steps.findIndex(match);
    assert.ok(found >= 0, `a step that ${what}`);
    return found;
  };
  const run = index((step) => /npx feedmill run/.test(step.run ?? ''), 'runs feedmill');
  const commit = index(
    (step) => /git add --all content\/posts/.test(step.run ?? '') && /state export/.test(step.run ?? ''),
    'commits the posts and the state',
  );
  const install = index((step) => step.name === 'Install Hugo', 'installs Hugo');
  assert.match(steps[install]!.env?.HUGO_VERSION ?? '', /^\d+\.\d+\.\d+$/, 'a pinned release');
  assert.match(steps[install]!.run ?? '', /hugo_extended_\$\{HUGO_VERSION\}_linux-amd64\.deb/);
  const build = index((step) => /^hugo --minify/.test(step.run ?? ''), 'builds the site');
  // Go's collector keeps Hugo's heap under a 7 GiB runner's memory (docs/site-at-scale.md).
  assert.equal(steps[build]!.env?.GOMEMLIMIT, '5GiB');
  const upload = index((step) => step.uses === 'actions/upload-pages-artifact@v5', 'uploads public/');
  assert.equal(steps[upload]!.with?.path, 'public');
  assert.ok(run < commit && commit < build && install < build && build < upload, 'in order');
  assert.match(
    steps[index((step) => /state-\$\(git ls-tree/.test(step.run ?? ''), 'keys the cache')]!.run!,
    /content\/posts/,
  );
  assert.equal(workflow.jobs.deploy.steps[0].uses, 'actions/deploy-pages@v5');
  assert.equal(workflow.jobs.build.services, undefined);
  // The state cache's steps are the Hexo workflow's, which test/workflow runs, for content/posts.
  const hexoSteps: Step[] = parse(
    readFileSync(join(TEMPLATES_DIR, 'site', '.github', 'workflows', 'feedmill.yml'), 'utf8'),
  ).jobs.build.steps;
  const cacheSteps = (all: Step[]) =>
    all.filter(
      (step) =>
        step.uses?.startsWith('actions/cache/') ||
        ['posts', 'posts-now'].includes(step.id ?? '') ||
        step.name === 'Delete the superseded state database',
    );
  assert.equal(cacheSteps(steps).length, 5);
  assert.deepEqual(
    cacheSteps(steps),
    JSON.parse(JSON.stringify(cacheSteps(hexoSteps)).replaceAll('source/_posts', 'content/posts')),
  );
});

test('--rsshub-service keeps the RSSHub container in the Hugo workflow', () => {
  const root = join(dir, 'with-rsshub');
  scaffoldHugoSite({ ...options, dir: root, rsshubService: true });
  const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'feedmill.yml'), 'utf8'));
  assert.equal(workflow.jobs.build.services.rsshub.image, 'diygod/rsshub:latest');
  assert.equal(workflow.jobs.build.env.FEEDMILL_RSSHUB_INSTANCES, 'http://localhost:1200');
});
