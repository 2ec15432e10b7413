import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SqliteDatabase } from '../../src/store/index.ts';
import { type FakeRsshub, type FakeRsshubOptions, startFakeRsshub } from './fake-rsshub.ts';
import { type CliResult, runMain } from './run-cli.ts';
import { siteFolder } from './site-folder.ts';

// The first instance wants an access key and answers 503 until it recovers: after three
// failures in a row it cools down, the feeds move to the second instance, status shows it,
// and once the cool-down runs out it is asked again. Its key is never printed or stored.

const KEY = 'sekret-Key-4711';
const flaky: FakeRsshubOptions = { key: KEY, status: 503 };
let a: FakeRsshub;
let b: FakeRsshub;
let dir: string;
let config: string;
const outputs: string[] = [];
const ROUTES = ['/one/1', '/two/2', '/three/3', '/four/4', '/five/5'];

async function cli(args: string[]): Promise<CliResult> {
  const result = await runMain([...args, '--config', config]);
  outputs.push(result.stdout, result.stderr);
  return result;
}
const routeRequests = (server: FakeRsshub) => server.requests.filter((path) => !path.startsWith('/api/'));
const state = () => join(dir, 'site', '.feedmill', 'state.db');

before(async () => {
  a = await startFakeRsshub(flaky);
  b = await startFakeRsshub();
  ({ dir, config } = siteFolder(
    'feedmill-cooldown-',
    `hexo: site
rsshub:
  instances:
    - { url: ${a.url}, key: ${KEY}, concurrency: 1 }
    - ${b.url}
http: { concurrency: 1 }
feeds:
${ROUTES.map((route) => `  - { rsshub: ${route}, categories: [Test] }`).join('\n')}
`,
  ));
});
after(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

test('three failures in a row cool the instance down; the run completes from the next one', async () => {
  const summary = join(dir, 'summary.md');
  process.env.GITHUB_STEP_SUMMARY = summary;
  let run: CliResult;
  try {
    run = await cli(['run']);
  } finally {
    delete process.env.GITHUB_STEP_SUMMARY;
  }
  outputs.push(readFileSync(summary, 'utf8'));
  assert.equal(run.code, 0, run.stderr);
  assert.equal(routeRequests(a).length, 3, a.requests.join('\n'));
  assert.deepEqual(routeRequests(b), ROUTES);
  assert.equal(readdirSync(join(dir, 'site', 'source', '_posts', 'Test')).length, 5);
  const warning = new RegExp(
    `RSSHub instance ${a.url}/ failed 3 times in a row \\(last: HTTP 503\\): skipped until \\S+ while another instance answers`,
  );
  assert.match(run.stderr, new RegExp(`^warning: ${warning.source}$`, 'm'));
  assert.match(readFileSync(summary, 'utf8'), warning);

  const db = new SqliteDatabase(state(), { readonly: true });
  const row = db.prepare('SELECT * FROM rsshub_instances WHERE instance = ?').get(`${a.url}/`) as {
    consecutive_failures: number;
    cooling_until: string;
    last_error: string;
  };
  db.close();
  assert.equal(row.consecutive_failures, 3);
  assert.equal(row.last_error, 'HTTP 503');
  const minutes = (Date.parse(row.cooling_until) - Date.now()) / 60_000;
  assert.ok(minutes > 29 && minutes <= 30, row.cooling_until);

  const status = await cli(['status']);
  assert.match(
    status.stdout,
    new RegExp(`^${a.url}/ +COOLING DOWN +3 +HTTP 503 at \\S+ +${row.cooling_until}$`, 'm'),
  );
  const json = JSON.parse((await cli(['status', '--json'])).stdout) as {
    instances: { instance: string; state: string }[];
  };
  assert.deepEqual(
    json.instances.map(({ instance, state }) => [instance, state]),
    [
      [`${a.url}/`, 'cooling'],
      [`${b.url}/`, 'ok'],
    ],
  );
});

test('while it cools down the instance gets no request', async () => {
  const before = a.requests.length;
  const run = await cli(['run']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(a.requests.length, before);
});

test('after the cool-down it is asked again, and an answer clears it', async () => {
  delete flaky.status;
  const db = new SqliteDatabase(state());
  db.prepare('UPDATE rsshub_instances SET cooling_until = ?').run(new Date(Date.now() - 1000).toISOString());
  db.close();
  const before = routeRequests(a).length;
  const run = await cli(['run']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(routeRequests(a).length, before + ROUTES.length);
  const status = await cli(['status']);
  assert.doesNotMatch(status.stdout, /COOLING DOWN|RSSHUB INSTANCE/);
});

test('the access key appears in no output, summary or state file', () => {
  // The key did reach the instance (it answered once it recovered).
  assert.ok(a.requests.some((path) => path.includes(`key=${KEY}`)));
  for (const text of outputs) assert.ok(!text.includes(KEY), text);
  for (const name of readdirSync(join(dir, 'site', '.feedmill'))) {
    const file = join(dir, 'site', '.feedmill', name);
    if (!existsSync(file) || !name.startsWith('state')) continue;
    assert.ok(!readFileSync(file).includes(KEY), `${name} holds the key`);
  }
});
