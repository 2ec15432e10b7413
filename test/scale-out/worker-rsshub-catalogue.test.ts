import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type FakeRsshub, startFakeRsshub } from '../rsshub/fake-rsshub.ts';
import { runMain } from '../rsshub/run-cli.ts';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { eventually, postsOf, renderedFeedCount, scaleOutFixture, sql, stopChild } from './scale-out-site.ts';

const skip = skipUnlessPostgres();
if (skip) test('scale-out: RSSHub routes on workers', { skip }, () => {});
let postgres: TestPostgres | undefined;
let rsshub: FakeRsshub;
const fixture = scaleOutFixture();

before(async () => {
  if (skip) return;
  postgres = await startPostgres();
  rsshub = await startFakeRsshub();
});
after(async () => {
  fixture.dispose();
  await rsshub?.close();
  await postgres?.stop();
});

/** A site whose feeds are RSSHub routes without categories: the catalogue must give them. */
function routeSite(routes: readonly string[], state?: string, root = fixture.site([])): string {
  const feeds = routes.map((route) => `  - url: rsshub:${route}`).join('\n');
  writeFileSync(
    join(root, 'feedmill.yml'),
    `hexo: .\n${state ? `state: ${JSON.stringify(state)}\n` : ''}rsshub:\n  instances:\n    - ${rsshub.url}\nfeeds:\n${feeds}\n`,
  );
  return root;
}

const namespaceRequests = () => rsshub.requests.filter((path) => path === '/api/namespace').length;

test('workers file RSSHub routes under the catalogue categories, cached in PostgreSQL', {
  skip,
}, async () => {
  const routes = ['/sina/finance/china', '/zhihu/daily'];
  const single = routeSite(routes);
  const run = await runMain(['run', '--config', join(single, 'feedmill.yml')]);
  assert.equal(run.code, 0, run.stderr);
  const expected = postsOf(single);
  assert.equal(expected.size, 2);
  assert.ok(
    [...expected.keys()].some((path) => path.startsWith(join('传统媒体', '新浪', '财经－国內'))),
    [...expected.keys()].join(', '),
  );

  // The first worker knows one route; it loads the catalogue from the instance.
  const connection = postgres!.connectionString;
  const scaled = routeSite(routes.slice(0, 1), connection);
  const config = join(scaled, 'feedmill.yml');
  const before = namespaceRequests();
  const first = fixture.feedmill(['worker', '--config', config, '--poll', '0.5', '--schedule']);
  try {
    await eventually(
      async () => ((await renderedFeedCount(connection)) === 1 ? true : undefined),
      60,
      first.log,
    );
  } finally {
    await stopChild(first);
  }
  assert.equal(namespaceRequests(), before + 1, first.log());
  const published = await runMain(['publish', '--config', config]);
  assert.equal(published.code, 0, published.stderr);

  // A second worker, with one more route, takes the catalogue from PostgreSQL, not the instance.
  routeSite(routes, connection, scaled);
  const second = fixture.feedmill(['worker', '--config', config, '--poll', '0.5', '--schedule']);
  try {
    await eventually(
      async () => ((await renderedFeedCount(connection)) === 1 ? true : undefined),
      60,
      second.log,
    );
  } finally {
    await stopChild(second);
  }
  assert.equal(namespaceRequests(), before + 1, second.log());
  const again = await runMain(['publish', '--config', config]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(postsOf(scaled), expected);
});

test("a worker never writes an instance's access key to its log or the state", { skip }, async () => {
  const KEY = 'worker-secret-key-0451';
  // The instance demands a key and fails every route with 500: error messages name the route URL.
  const failing = await startFakeRsshub({ key: KEY, status: 500 });
  try {
    const connection = postgres!.connectionString;
    const root = fixture.site([]);
    const config = join(root, 'feedmill.yml');
    writeFileSync(
      config,
      `hexo: .\nstate: ${JSON.stringify(connection)}\nrsshub:\n  instances:\n    - { url: ${JSON.stringify(failing.url)}, key: ${KEY} }\nfeeds:\n  - url: rsshub:/feedmill/key-leak\n    categories: [News, Sina, Finance]\n`,
    );
    const worker = fixture.feedmill(['worker', '--config', config, '--poll', '0.5', '--schedule']);
    try {
      await eventually(
        async () => {
          const rows = await sql<{ failures: number }>(
            connection,
            "SELECT consecutive_failures AS failures FROM feeds WHERE url = 'rsshub:/feedmill/key-leak'",
          ).catch(() => []);
          return (rows[0]?.failures ?? 0) > 0 ? true : undefined;
        },
        60,
        worker.log,
      );
    } finally {
      await stopChild(worker);
    }
    assert.ok(
      failing.requests.some((path) => path.includes('/feedmill/key-leak')),
      'the route was asked for',
    );
    const state = JSON.stringify(await sql(connection, 'SELECT * FROM feeds'));
    const status = await runMain(['status', '--config', config]);
    for (const [where, text] of [
      ['worker log', worker.log()],
      ['feeds table', state],
      ['status', status.stdout + status.stderr],
    ] as const)
      assert.ok(!text.includes(KEY), `${where} holds the key:\n${text}`);
  } finally {
    await failing.close();
  }
});

test('workers cool a failing RSSHub instance down, in PostgreSQL, and status shows it', {
  skip,
}, async () => {
  const failing = await startFakeRsshub({ status: 500 });
  try {
    const connection = postgres!.connectionString;
    const root = fixture.site([]);
    const config = join(root, 'feedmill.yml');
    const configure = (routes: readonly string[]) =>
      writeFileSync(
        config,
        `hexo: .\nstate: ${JSON.stringify(connection)}\nrsshub:\n  instances: [${failing.url}, ${rsshub.url}]\n` +
          '  cooldown_after: 2\n' +
          `feeds:\n${routes.map((route) => `  - url: rsshub:${route}\n    categories: [News, Cool, Down]`).join('\n')}\n`,
      );
    const routeRequests = () => failing.requests.filter((path) => path.startsWith('/cool/')).length;
    configure(['/cool/a', '/cool/b', '/cool/c']);
    const first = fixture.feedmill(['worker', '--config', config, '--poll', '0.5', '--schedule']);
    try {
      await eventually(
        async () => ((await renderedFeedCount(connection)) === 3 ? true : undefined),
        60,
        first.log,
      );
    } finally {
      await stopChild(first);
    }
    // Every feed came from the second instance; the first failed until it cooled down.
    const [row] = await sql<{ failures: number; cooling: Date | null }>(
      connection,
      'SELECT consecutive_failures AS failures, cooling_until AS cooling FROM rsshub_instances WHERE instance = $1',
      [new URL(failing.url).href],
    );
    assert.ok(row && row.failures >= 2 && row.cooling !== null, `${JSON.stringify(row)}\n${first.log()}`);
    assert.match(
      first.log(),
      /warning: RSSHub instance http:\/\/127\.0\.0\.1:\d+\/ failed \d+ times in a row/,
    );
    const asked = routeRequests();

    // A worker started during the cool-down skips the instance from its first feed.
    configure(['/cool/a', '/cool/b', '/cool/c', '/cool/d', '/cool/e']);
    const second = fixture.feedmill(['worker', '--config', config, '--poll', '0.5', '--schedule']);
    try {
      await eventually(
        async () => ((await renderedFeedCount(connection)) === 5 ? true : undefined),
        60,
        second.log,
      );
    } finally {
      await stopChild(second);
    }
    assert.equal(routeRequests(), asked, 'the cooling instance was not asked again');
    const status = await runMain(['status', '--config', config]);
    assert.match(status.stdout, /RSSHUB INSTANCE[\s\S]*http:\/\/127\.0\.0\.1:\d+\/ +COOLING DOWN/);
    const json = JSON.parse((await runMain(['status', '--json', '--config', config])).stdout);
    assert.equal(
      json.instances.find((instance: { instance: string }) => instance.instance === new URL(failing.url).href)
        ?.state,
      'cooling',
    );
  } finally {
    await failing.close();
  }
});
