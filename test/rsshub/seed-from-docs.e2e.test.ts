import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runMain } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

const SEED_FEED = readFileSync(new URL('../fixtures/seed/feed.xml', import.meta.url), 'utf8');
let instance: FakeRsshub;
let dir: string;

before(async () => {
  // An instance that serves feeds but no catalogue: the v1 docs pages on disk supply it.
  instance = await startFakeRsshub({ namespaceStatus: 404, feeds: { '/sina/finance': SEED_FEED } });
  dir = siteFolder(
    'feedmill-seed-docs-',
    `hexo: site
rsshub:
  instances: [${instance.url}]
  docs: [${JSON.stringify(join(import.meta.dirname, 'fixtures', 'docs-v1'))}]
feeds:
  - rsshub: /sina/finance
`,
  ).dir;
});
after(async () => {
  await instance.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the seed feed, subscribed by route alone, lands under the v1 docs categories', async () => {
  const result = await runMain(['run', '--config', join(dir, 'feedmill.yml')]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /no route catalogue from .*404/);
  const folder = join(dir, 'site', 'source', '_posts', '金融', '新浪财经', '新浪财经－国內');
  const posts = readdirSync(folder);
  assert.equal(posts.length, 1);
  const text = readFileSync(join(folder, posts[0]!), 'utf8');
  const frontMatter = yaml.load(text.split('---\n')[1]!) as Record<string, unknown>;
  assert.deepEqual(Object.keys(frontMatter).slice(0, 3), ['title', 'categories', 'headimg']);
  assert.deepEqual(frontMatter.categories, ['金融', '新浪财经', '新浪财经－国內']);
  assert.equal(frontMatter.author, '新浪财经');
});
