import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { loadConfig, parseConfig } from '../../src/config/index.ts';
import { planStorePrune, pruneSite, retentionOf, runSite } from '../../src/pipeline/index.ts';
import { takeWriterLock } from '../../src/queue/index.ts';
import { openPostgresStore } from '../../src/store/index.ts';
import { okFeed } from '../http/feed-server.ts';
import { rssFeed, type TestItem } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  cli,
  eventually,
  makeFeedJobsDue,
  postsOf,
  renderedFeedCount,
  renderedSince,
  scaleOutSuite,
  sql,
  stopChild,
  testItems,
} from './scale-out-site.ts';

// Retention (`keep:`) on a PostgreSQL state: publish prunes as `run` does, pruned items stay
// pruned whatever a worker renders, and `prune` is the site's writer like publish.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: retention and prune on PostgreSQL', { skip }, () => {});
const DAY_MS = 86_400_000;

const suite = scaleOutSuite(skip);

async function resetDatabase(): Promise<void> {
  await sql(
    suite.postgres.connectionString,
    'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE',
  );
}

/** Items published `daysAgo` days before now (so max_age_days holds whenever the test runs). */
function itemsAged(prefix: string, daysAgo: readonly number[]): TestItem[] {
  const now = Date.now();
  return daysAgo.map((days, index) => ({
    guid: `${prefix}-${index}`,
    title: `${prefix} post ${index}`,
    html: `<p>${prefix} body ${index}</p>`,
    date: new Date(Math.floor((now - days * DAY_MS) / 1000) * 1000),
  }));
}

/** Rewrites the site's feedmill.yml through `edit`. */
function editConfig(root: string, edit: (text: string) => string): void {
  const file = join(root, 'feedmill.yml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

/** Lets the worker render every feed of the site once more, and waits until it has. */
async function renderAgain(url: string, feeds: number, log: () => string): Promise<void> {
  const since = new Date();
  await makeFeedJobsDue(url);
  await renderedSince(url, feeds, since, log);
}

test('publish applies keep: as feedmill run does; pruned items never come back', {
  skip,
  timeout: 180_000,
}, async () => {
  await resetDatabase();
  const url = suite.postgres.connectionString;
  const bodies = [
    itemsAged('count', [1, 2, 3, 4, 5, 6]),
    itemsAged('aged', [2, 6, 10, 14, 18, 22, 32, 42]),
    itemsAged('all', [1, 2, 3, 4, 5]),
  ];
  const urls = bodies.map((items, index) => {
    const path = `/keep-${index}.xml`;
    suite.server.routes.set(
      path,
      okFeed(rssFeed(`Feed ${index}`, items), { 'content-type': 'application/rss+xml' }),
    );
    return suite.server.url(path);
  });
  // Top level: 3 per feed; feed1 adds 25 days (its two oldest are never written), feed2 keeps 10.
  const withKeep = (text: string) =>
    `${text
      .replace('    name: feed1\n', '    name: feed1\n    keep: { max_age_days: 25 }\n')
      .replace(
        '    name: feed2\n',
        '    name: feed2\n    keep: { max_items_per_feed: 10 }\n',
      )}keep:\n  max_items_per_feed: 3\n`;

  const single = suite.fixture.site(urls);
  editConfig(single, withKeep);
  const config = join(single, 'feedmill.yml');
  const ran = await runSite(parseConfig(readFileSync(config, 'utf8'), config), {
    userAgent: 'feedmill-test',
  });
  assert.equal(ran.pruned, 6);
  const expected = postsOf(single);
  assert.equal(expected.size, 3 + 3 + 5);

  const root = suite.fixture.site(urls, url);
  editConfig(root, withKeep);
  const scaledConfig = join(root, 'feedmill.yml');
  const worker = suite.fixture.feedmill(['worker', '--config', scaledConfig, '--schedule', '--poll', '0.5']);
  try {
    await eventually(async () => ((await renderedFeedCount(url)) === 3 ? true : undefined), 60, worker.log);
    // What a lost job's retry would store again later: this first render, pruned items included.
    await sql(
      url,
      'CREATE TABLE saved_posts AS SELECT * FROM rendered_posts; CREATE TABLE saved_feeds AS SELECT * FROM rendered_feeds',
    );
    const published = await cli(['publish', '--config', scaledConfig]);
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /published 3 feed\(s\), 17 post\(s\) written, 6 deleted by retention/);
    assert.deepEqual(postsOf(root), expected);
    const [tombstones] = await sql<{ count: string }>(url, 'SELECT count(*) AS count FROM pruned_items');
    assert.equal(tombstones!.count, '6', 'a tombstone for each pruned item');

    // The worker renders the feeds again: neither the pruned items nor those beyond max_age_days
    // are sent, and the retained ones are unchanged.
    await renderAgain(url, 3, worker.log);
    const [{ count } = { count: '-1' }] = await sql<{ count: string }>(
      url,
      'SELECT count(*) AS count FROM rendered_posts',
    );
    assert.equal(count, '0', 'nothing new or changed to publish');
    const again = await cli(['publish', '--config', scaledConfig]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /published 3 feed\(s\), 0 post\(s\) written\n/);
    assert.deepEqual(postsOf(root), expected);
  } finally {
    assert.equal(await stopChild(worker), 0, worker.log());
  }

  // A retried job that stored the first render again: publish still writes no pruned item back.
  await sql(
    url,
    `DELETE FROM rendered_posts; DELETE FROM rendered_feeds;
     INSERT INTO rendered_feeds SELECT * FROM saved_feeds; INSERT INTO rendered_posts SELECT * FROM saved_posts`,
  );
  const retried = await cli(['publish', '--config', scaledConfig]);
  assert.equal(retried.code, 0, retried.stderr);
  assert.match(retried.stdout, /published 3 feed\(s\), 0 post\(s\) written\n/);
  assert.deepEqual(postsOf(root), expected);
  const [items] = await sql<{ count: string }>(url, 'SELECT count(*) AS count FROM items');
  assert.equal(items!.count, String(expected.size));
});

test('prune on PostgreSQL: refused beside a publish, then as on SQLite; a killed prune is finished', {
  skip,
  timeout: 180_000,
}, async () => {
  await resetDatabase();
  const url = suite.postgres.connectionString;
  suite.server.routes.set(
    '/prune.xml',
    okFeed(rssFeed('Prune', testItems('p', 6)), { 'content-type': 'application/rss+xml' }),
  );
  const urls = [suite.server.url('/prune.xml')];
  const keep = (count: number) => (text: string) =>
    `${text.replace(/keep:\n.*\n$/, '')}keep:\n  max_items_per_feed: ${count}\n`;

  // The same feed and the same prunes on a SQLite site, for what the posts must be.
  const single = suite.fixture.site(urls);
  const singleConfig = join(single, 'feedmill.yml');
  const load = () => parseConfig(readFileSync(singleConfig, 'utf8'), singleConfig);
  await runSite(load(), { userAgent: 'feedmill-test' });
  editConfig(single, keep(4));
  assert.equal((await pruneSite(load(), { dryRun: false })).length, 2);
  const keptFour = postsOf(single);
  editConfig(single, keep(2));
  assert.equal((await pruneSite(load(), { dryRun: false })).length, 2);
  const keptTwo = postsOf(single);
  assert.equal(keptTwo.size, 2);

  const root = suite.fixture.site(urls, url);
  const config = join(root, 'feedmill.yml');
  const worker = suite.fixture.feedmill(['worker', '--config', config, '--schedule', '--poll', '0.5']);
  try {
    await eventually(async () => ((await renderedFeedCount(url)) === 1 ? true : undefined), 60, worker.log);
  } finally {
    assert.equal(await stopChild(worker), 0, worker.log());
  }
  const published = await cli(['publish', '--config', config]);
  assert.equal(published.code, 0, published.stderr);
  assert.equal(postsOf(root).size, 6);
  editConfig(root, keep(4));

  // One writer per site: prune waits for no publish, it is refused.
  const held = await takeWriterLock(url, root);
  try {
    const refused = await cli(['prune', '--config', config]);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(
      refused.stderr,
      /another writer is publishing to .*: feedmill publish on .*\(pid \d+\).*one writer per site.*\[LOCKED\]/,
    );
    assert.equal(postsOf(root).size, 6, 'nothing deleted');
  } finally {
    await held.release();
  }

  const dry = await cli(['prune', '--config', config, '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /would delete {2}C0\/\S+\.md {2}\(count, /);
  assert.match(dry.stdout, /2 post\(s\) would be deleted\n$/);
  assert.equal(postsOf(root).size, 6, 'a dry run deletes nothing');
  const pruned = await cli(['prune', '--config', config]);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.match(pruned.stdout, /2 post\(s\) deleted\n$/);
  assert.deepEqual(postsOf(root), keptFour);

  // A writer killed mid-prune: its deletions are journalled (rows and tombstones committed),
  // one of the two files is gone. The next publish finishes them.
  editConfig(root, keep(2));
  const store = await openPostgresStore({ connectionString: url });
  try {
    const candidates = await planStorePrune(store, retentionOf(loadConfig(config).config), new Date());
    assert.equal(candidates.length, 2);
    await store.beginPrune(candidates, new Date());
  } finally {
    await store.close();
  }
  const [first] = await sql<{ post_path: string }>(
    url,
    "SELECT post_path FROM pending_writes WHERE action = 'delete' ORDER BY post_path LIMIT 1",
  );
  rmSync(join(root, 'source', '_posts', ...first!.post_path.split('/')));
  const repaired = await cli(['publish', '--config', config]);
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.match(
    repaired.stdout,
    /repaired an interrupted publish: 0 post\(s\) kept, 0 to write again, 2 deletion\(s\) finished/,
  );
  assert.match(repaired.stdout, /published 0 feed\(s\), 0 post\(s\) written\n/);
  assert.deepEqual(postsOf(root), keptTwo);
  const [state] = await sql<{ journal: string; items: string; pruned: string }>(
    url,
    `SELECT (SELECT count(*) FROM pending_writes) AS journal, (SELECT count(*) FROM items) AS items,
       (SELECT count(*) FROM pruned_items) AS pruned`,
  );
  assert.deepEqual({ ...state }, { journal: '0', items: '2', pruned: '4' });
  // The writer's locks are free again.
  const lock = await takeWriterLock(url, root);
  await lock.release();
});

test('prune SIGKILLed between its journal and its end: the next publish finishes it', {
  skip,
  timeout: 240_000,
}, async () => {
  await resetDatabase();
  const url = suite.postgres.connectionString;
  const total = 500;
  suite.server.routes.set(
    '/many.xml',
    okFeed(
      rssFeed(
        'Many',
        itemsAged(
          'm',
          Array.from({ length: total }, (_unused, index) => index + 1),
        ),
      ),
      { 'content-type': 'application/rss+xml' },
    ),
  );
  const urls = [suite.server.url('/many.xml')];
  const keep = (count: number) => (text: string) =>
    `${text.replace(/keep:\n.*\n$/, '')}keep:\n  max_items_per_feed: ${count}\n`;
  const all = (text: string) => text.replace('    name: feed0\n', `    name: feed0\n    limit: ${total}\n`);
  const root = suite.fixture.site(urls, url);
  editConfig(root, all);
  const config = join(root, 'feedmill.yml');
  const worker = suite.fixture.feedmill(['worker', '--config', config, '--schedule', '--poll', '0.5']);
  try {
    await eventually(async () => ((await renderedFeedCount(url)) === 1 ? true : undefined), 90, worker.log);
  } finally {
    assert.equal(await stopChild(worker), 0, worker.log());
  }
  const published = await cli(['publish', '--config', config]);
  assert.equal(published.code, 0, published.stderr);
  const folder = join(root, 'source', '_posts', 'C0');
  assert.equal(readdirSync(folder).length, total);

  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const journalled = async () =>
    Number(
      (
        await probe.query<{ count: string }>(
          "SELECT count(*) AS count FROM pending_writes WHERE action = 'delete'",
        )
      ).rows[0]!.count,
    );
  // Each attempt prunes more; a prune that ends before a look catches it is followed by the next.
  let killedAt: number | undefined;
  let seen = '';
  try {
    for (const bound of [350, 200, 50]) {
      editConfig(root, keep(bound));
      const before = readdirSync(folder).length;
      const child = suite.fixture.feedmill(['prune', '--config', config]);
      let done = false;
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      void exited.then(() => {
        done = true;
      });
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if ((await journalled()) > 0 && readdirSync(folder).length < before) {
          child.kill('SIGKILL');
          break;
        }
      }
      const [code, signal] = await exited;
      seen += `bound ${bound}: ${signal ?? `exit ${code}`}; `;
      if (signal === 'SIGKILL') {
        killedAt = bound;
        break;
      }
      assert.equal(code, 0, child.log());
    }
    assert.ok(killedAt !== undefined, `no prune was killed mid-way: ${seen}`);
    const left = readdirSync(folder).length;
    assert.ok(left > killedAt && left < total, `killed with ${left} post(s) on disk`);
    assert.ok((await journalled()) > 0, 'the deletions are journalled');
  } finally {
    await probe.end();
  }

  const repaired = await cli(['publish', '--config', config]);
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.match(
    repaired.stdout,
    /repaired an interrupted publish: 0 post\(s\) kept, 0 to write again, \d+ deletion\(s\) finished/,
  );
  assert.match(repaired.stdout, /published 0 feed\(s\), 0 post\(s\) written\n/);

  // The same feed pruned to the same bound on a SQLite site, uninterrupted.
  const single = suite.fixture.site(urls);
  const singleConfig = join(single, 'feedmill.yml');
  editConfig(single, (text) => keep(killedAt!)(all(text)));
  const ran = await runSite(parseConfig(readFileSync(singleConfig, 'utf8'), singleConfig), {
    userAgent: 'feedmill-test',
  });
  assert.equal(ran.pruned, total - killedAt);
  assert.deepEqual(postsOf(root), postsOf(single));
  const [state] = await sql<{ journal: string; items: string; pruned: string }>(
    url,
    `SELECT (SELECT count(*) FROM pending_writes) AS journal, (SELECT count(*) FROM items) AS items,
       (SELECT count(*) FROM pruned_items) AS pruned`,
  );
  assert.deepEqual({ ...state }, { journal: '0', items: String(killedAt), pruned: String(total - killedAt) });
});
