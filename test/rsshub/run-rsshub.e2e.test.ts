import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import yaml from 'js-yaml';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runCli, runMain } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

let good: FakeRsshub;
let failing: FakeRsshub;
let dir: string;

before(async () => {
  failing = await startFakeRsshub({ status: 503 });
  good = await startFakeRsshub({ key: 'e2e-secret-key' });
  dir = siteFolder(
    'feedmill-rsshub-e2e-',
    `hexo: site
rsshub:
  instances:
    - ${failing.url}
    - url: ${good.url}
      key: e2e-secret-key
feeds:
  - url: rsshub:/sina/finance/china
  - rsshub: /zhihu/not-a-route
    name: Unknown route
`,
  ).dir;
});
after(async () => {
  await good.close();
  await failing.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a dry run plans under the catalogue categories and leaves no state behind', async () => {
  const result = await runMain(['run', '--dry-run', '--config', join(dir, 'feedmill.yml')]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /would create 传统媒体\/新浪\/财经－国內\//);
  assert.ok(!existsSync(join(dir, 'site', '.feedmill')), 'the dry run created the state folder');
  assert.ok(!existsSync(join(dir, 'site', 'source')), 'the dry run wrote posts');
});

test('feedmill run files an RSSHub route under the catalogue categories, served by the second instance', async () => {
  const result = await runCli(['run', '--config', join(dir, 'feedmill.yml')], dir);
  assert.equal(result.code, 0, result.stderr);
  const folder = join(dir, 'site', 'source', '_posts', '传统媒体', '新浪', '财经－国內');
  assert.ok(existsSync(folder), `missing ${folder}`);
  const [post] = readdirSync(folder);
  const text = readFileSync(join(folder, post!), 'utf8');
  const frontMatter = yaml.load(text.split('---\n')[1]!) as Record<string, unknown>;
  assert.deepEqual(frontMatter.categories, ['传统媒体', '新浪', '财经－国內']);
  assert.match(text, /Body of \/sina\/finance\/china/);
  // The report names the instance that served it; the key is never printed.
  assert.match(result.stdout, new RegExp(`ok +rsshub:/sina/finance/china: 1 new.*\\(via ${good.url}/\\)`));
  assert.doesNotMatch(result.stdout + result.stderr, /e2e-secret-key/);
  // The route missing from the catalogue is warned about and filed under its feed title.
  assert.match(
    result.stderr,
    /warning: Unknown route: route \/zhihu\/not-a-route is not in the RSSHub catalogue/,
  );
  // (post-path turns `/` into the full-width `／`, so a title never makes a sub-folder)
  assert.ok(existsSync(join(dir, 'site', 'source', '_posts', 'Feed of ／zhihu／not-a-route')));
  assert.equal(failing.requests[0], '/api/namespace');
  assert.ok(failing.requests.includes('/sina/finance/china'));
});

test('the JSON report records the serving instance with the key redacted', async () => {
  const result = await runMain(['run', '--json', '--config', join(dir, 'feedmill.yml')]);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as {
    feeds: { name: string; instance?: string; source: string }[];
  };
  const sina = report.feeds.find((feed) => feed.name === 'rsshub:/sina/finance/china')!;
  assert.equal(sina.instance, `${good.url}/`);
  assert.equal(sina.source, `${good.url}/sina/finance/china?key=***`);
  assert.doesNotMatch(result.stdout + result.stderr, /e2e-secret-key/);
});

test('status names the instance that answered last, key masked', async () => {
  const result = await runMain(['status', '--json', '--config', join(dir, 'feedmill.yml')]);
  assert.equal(result.code, 0, result.stderr);
  const { feeds } = JSON.parse(result.stdout) as { feeds: { name: string; servedBy?: string }[] };
  assert.equal(feeds.find((feed) => feed.name === 'rsshub:/sina/finance/china')?.servedBy, `${good.url}/`);
  const table = await runMain(['status', '--config', join(dir, 'feedmill.yml')]);
  assert.match(table.stdout, new RegExp(`rsshub:/sina/finance/china +ok +\\S+ via ${good.url}/`));
  assert.doesNotMatch(result.stdout + table.stdout, /e2e-secret-key/);
});
