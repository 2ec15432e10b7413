import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openInstanceHealthStore } from '../../src/rsshub/index.ts';
import { type FakeRsshub, startFakeRsshub } from './fake-rsshub.ts';
import { runMain } from './run-cli.ts';

// `feedmill rsshub check` against fake instances on 127.0.0.1: a healthy one that wants an
// access key and shows its version, one that answers 503, and one that is gone.

const KEY = 'check-Key-321';
let good: FakeRsshub;
let failing: FakeRsshub;
let deadUrl: string;
let dir: string;

before(async () => {
  good = await startFakeRsshub({ key: KEY, gitHash: '0123456789abcdef0123' });
  failing = await startFakeRsshub({ status: 503 });
  const dead = await startFakeRsshub();
  await dead.close();
  deadUrl = dead.url;
  dir = mkdtempSync(join(tmpdir(), 'feedmill-check-'));
  mkdirSync(join(dir, 'site'));
});
after(async () => {
  await good.close();
  await failing.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(
  name: string,
  instances: string,
  feeds = '  - { rsshub: /zhihu/daily, categories: [A] }\n  - { rsshub: /github/issue/:user/:repo, categories: [B] }',
): string {
  const path = join(dir, name);
  writeFileSync(path, `hexo: site\nrsshub:\n  instances: ${instances}\nfeeds:\n${feeds}\n`);
  return path;
}

async function check(config: string, extra: string[] = []) {
  const result = await runMain(['rsshub', 'check', '--config', config, ...extra]);
  assert.ok(!result.stdout.includes(KEY) && !result.stderr.includes(KEY), 'the key was printed');
  return result;
}

test('a table of the instances: healthy, reachable, version, catalogue, routes, key', async () => {
  const config = writeConfig('ok.yml', `[{ url: ${good.url}, key: ${KEY} }, ${failing.url}, ${deadUrl}]`);
  const result = await check(config);
  assert.equal(result.code, 0, result.stderr);
  const [header, first, second, third] = result.stdout.split('\n');
  assert.match(header!, /^INSTANCE +HEALTHY +REACHABLE +VERSION +CATALOGUE +ROUTES +KEY +COOL-DOWN$/);
  assert.match(
    first!,
    new RegExp(
      `^${good.url}/ +yes +\\d+ ms +git 0123456789ab \\(Sun, 06 Dec 2026 10:00:00 GMT\\) +\\d+ routes +1/1 answer +accepted +-$`,
    ),
  );
  assert.match(
    second!,
    new RegExp(
      `^${failing.url}/ +NO +\\d+ ms \\(HTTP 503\\) +- +no: HTTP 503 \\(try again later\\) +0/1 answer +none +-$`,
    ),
  );
  assert.match(
    third!,
    new RegExp(`^${deadUrl}/ +NO +no: cannot fetch ${deadUrl}/: .*ECONNREFUSED.* +- +- +- +none +-$`),
  );
  assert.match(result.stdout, new RegExp(`^ {2}${failing.url}/: /zhihu/daily: HTTP 503$`, 'm'));
  // The route (not the pattern) was asked for, with the key.
  assert.ok(good.requests.includes(`/zhihu/daily?key=${KEY}`));
  assert.ok(!good.requests.some((path) => path.includes(':user')));
});

test('a refused key and no healthy instance: exit 1; --route and --json', async () => {
  const config = writeConfig('bad.yml', `[{ url: ${good.url}, key: wrong-${KEY} }, ${failing.url}]`);
  const result = await check(config, ['--route', '/nasa/apod', '--json']);
  assert.equal(result.code, 1, result.stderr);
  const { instances } = JSON.parse(result.stdout) as {
    instances: {
      instance: string;
      key: string;
      healthy: boolean;
      routes: { route: string; detail: string }[];
    }[];
  };
  assert.deepEqual(
    instances.map(({ key, healthy, routes }) => [key, healthy, routes]),
    [
      ['refused', false, [{ route: '/nasa/apod', ok: false, detail: 'HTTP 403 (access key refused?)' }]],
      ['none', false, [{ route: '/nasa/apod', ok: false, detail: 'HTTP 503' }]],
    ],
  );
  const noKey = await check(writeConfig('nokey.yml', `[${good.url}]`));
  assert.equal(noKey.code, 1);
  assert.match(noKey.stdout, / required +-$/m);
});

test('a healthy instance is released from its cool-down; a failing one keeps it', async () => {
  const config = writeConfig('cool.yml', `[{ url: ${good.url}, key: ${KEY} }, ${failing.url}]`);
  const statePath = join(dir, 'site', '.feedmill', 'state.db');
  const until = new Date(Date.now() + 3_600_000).toISOString();
  const store = openInstanceHealthStore(statePath);
  // The rows a run's failures left (the SQLite store writes the row it is given).
  const failed = (error: string) =>
    ({ kind: 'failed', at: new Date().toISOString(), error, coolAfter: 3, coolingUntil: until }) as const;
  store.write(
    { instance: `${good.url}/`, consecutiveFailures: 3, coolingUntil: until, lastError: 'HTTP 502' },
    failed('HTTP 502'),
  );
  store.write(
    { instance: `${failing.url}/`, consecutiveFailures: 4, coolingUntil: until, lastError: 'HTTP 503' },
    failed('HTTP 503'),
  );
  store.close();
  const result = await check(config);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`^${failing.url}/ .* until ${until.replace(/\./g, '\\.')}$`, 'm'));
  const rows = openInstanceHealthStore(statePath, { readOnly: true }).read();
  assert.deepEqual(
    rows.map((row) => [row.instance, row.consecutiveFailures, row.coolingUntil]),
    [
      [`${good.url}/`, 0, undefined],
      [`${failing.url}/`, 4, until],
    ].sort(),
  );
});
