import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runCli } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

const KEY = 'query-e2e-secret';
let failing: FakeRsshub;
let good: FakeRsshub;
let dir: string;

before(async () => {
  failing = await startFakeRsshub({ status: 503 });
  good = await startFakeRsshub({ key: KEY });
  dir = siteFolder(
    'feedmill-rsshub-query-',
    `hexo: site
rsshub:
  instances:
    - ${failing.url}
    - { url: '${good.url}', key: ${KEY} }
feeds:
  - url: rsshub:/sina/finance/china
    rsshub:
      limit: 5
      filterout: 广告|ad
      filter_time: 86400
      mode: fulltext
      opencc: s2t
      sorted: false
`,
  ).dir;
});
after(async () => {
  await good.close();
  await failing.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root` (the state database, its journal, posts), for a byte search. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(root, entry.name)) : [join(root, entry.name)],
  );
}

test('a feed’s RSSHub query reaches every instance tried; the key is in no output and no state', async () => {
  const config = join(dir, 'feedmill.yml');
  const run = await runCli(['run', '--verbose', '--config', config], dir);
  assert.equal(run.code, 0, run.stderr);
  // Written in RSSHub's documented order, whatever the order in feedmill.yml.
  const query =
    'filter_time=86400&filterout=%E5%B9%BF%E5%91%8A%7Cad&limit=5&sorted=false&mode=fulltext&opencc=s2t';
  assert.ok(failing.requests.includes(`/sina/finance/china?${query}`), failing.requests.join('\n'));
  assert.ok(good.requests.includes(`/sina/finance/china?${query}&key=${KEY}`), good.requests.join('\n'));
  const status = await runCli(['status', '--json', '--config', config], dir);
  const exported = await runCli(['state', 'export', '--config', config], dir);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /served_by/);
  for (const result of [run, status, exported]) {
    for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
      assert.ok(!line.includes(KEY), `key printed: ${line}`);
    }
  }
  const state = join(dir, 'site', '.feedmill');
  assert.ok(existsSync(state));
  for (const file of filesUnder(join(dir, 'site'))) {
    assert.ok(!readFileSync(file).includes(KEY), `key stored in ${file}`);
  }
});
