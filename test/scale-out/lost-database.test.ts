import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { okFeed } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  cli,
  eventually,
  postsOf,
  renderedFeedCount,
  scaleOutSuite,
  sql,
  stopChild,
  testItems,
} from './scale-out-site.ts';

// A PostgreSQL state lost (or replaced by an empty one) while the site keeps its posts: workers
// render every item as new, and publish must recognise each post already on disk by the
// identity in its front matter, never writing it a second time under another name.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: publish after the database was lost', { skip }, () => {});
const suite = scaleOutSuite(skip);

/** A worker renders the site's one feed (then stops), and publish writes what it rendered. */
async function workerThenPublish(url: string, config: string): Promise<{ stdout: string; stderr: string }> {
  const worker = suite.fixture.feedmill(['worker', '--config', config, '--schedule', '--poll', '0.5']);
  try {
    await eventually(async () => ((await renderedFeedCount(url)) === 1 ? true : undefined), 60, worker.log);
  } finally {
    await stopChild(worker);
  }
  const published = await cli(['publish', '--config', config]);
  assert.equal(published.code, 0, published.stderr);
  return published;
}

test('after the database is lost, publish adopts the posts on disk instead of duplicating them', {
  skip,
  timeout: 180_000,
}, async () => {
  const url = suite.postgres.connectionString;
  const items = testItems('lost', 3);
  suite.server.routes.set(
    '/lost.xml',
    okFeed(rssFeed('Lost', items), { 'content-type': 'application/rss+xml' }),
  );
  const root = suite.fixture.site([suite.server.url('/lost.xml')], url);
  const config = join(root, 'feedmill.yml');

  const renderAndPublish = async () => (await workerThenPublish(url, config)).stdout;

  assert.match(await renderAndPublish(), /: 3 new, 0 updated, 0 unchanged\n/);
  const before = postsOf(root);
  assert.equal(before.size, 3);

  await sql(url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE');
  // Meanwhile the feed changed one story's body.
  items[0]!.html = '<p>lost body 0, corrected</p>';
  suite.server.routes.set(
    '/lost.xml',
    okFeed(rssFeed('Lost', items), { 'content-type': 'application/rss+xml' }),
  );

  assert.match(await renderAndPublish(), /: 0 new, 1 updated, 2 unchanged\n/);
  const after = postsOf(root);
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no post written twice');
  const changed = [...after].filter(([path, text]) => before.get(path) !== text);
  assert.equal(changed.length, 1);
  assert.match(changed[0]![1], /corrected/);
  const [rows] = await sql<{ count: string }>(url, 'SELECT count(*) AS count FROM items');
  assert.equal(rows!.count, '3', 'the adopted posts are in the new state');
});

test('after the database is lost, publish records every post on disk, so retention still counts them', {
  skip,
  timeout: 180_000,
}, async () => {
  const url = suite.postgres.connectionString;
  const items = testItems('kept', 4);
  const serve = (listed: typeof items) =>
    suite.server.routes.set(
      '/kept.xml',
      okFeed(rssFeed('Kept', listed), { 'content-type': 'application/rss+xml' }),
    );
  serve(items.slice(0, 3));
  const root = suite.fixture.site([suite.server.url('/kept.xml')], url);
  const config = join(root, 'feedmill.yml');
  const renderAndPublish = () => workerThenPublish(url, config);
  assert.match((await renderAndPublish()).stdout, /: 3 new, 0 updated, 0 unchanged\n/);
  const first = postsOf(root);

  await sql(url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS pgboss CASCADE');
  // Meanwhile the oldest story left the feed, a new one came, and the site keeps three a feed.
  serve(items.slice(1));
  appendFileSync(config, 'keep:\n  max_items_per_feed: 3\n');

  const published = await renderAndPublish();
  assert.match(published.stderr, /warning: the PostgreSQL state recorded no post: adopted 3 post\(s\)/);
  assert.match(published.stdout, /: 1 new, 0 updated, 2 unchanged\n/);
  // The story no feed lists any more was known again, so retention found it the oldest of four.
  assert.match(published.stdout, /1 deleted by retention/);
  const after = postsOf(root);
  assert.equal(after.size, 3);
  const gone = [...first.keys()].filter((path) => !after.has(path));
  assert.equal(gone.length, 1);
  assert.match(first.get(gone[0]!)!, /kept post 0/);
  const rows = await sql<{ key: string }>(url, 'SELECT key FROM items ORDER BY key');
  assert.deepEqual(
    rows.map((row) => row.key),
    ['kept-1', 'kept-2', 'kept-3'],
    'the adopted rows of listed stories took their real keys',
  );
});
