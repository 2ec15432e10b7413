import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/index.ts';
import { publishSite, type RunningWorker } from '../../src/queue/index.ts';
import { cachedFeed } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  eventually,
  postsOf,
  renderedFeedCount,
  scaleOutSuite,
  sql,
  startSchedulingWorker,
  testItems,
} from './scale-out-site.ts';

// Workers on a PostgreSQL state: a named feed whose url is edited in feedmill.yml keeps its
// row, so the writer publishes its posts in place instead of a second copy of each.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: a feed url edited under workers', { skip }, () => {});
let worker: RunningWorker | undefined;

const suite = scaleOutSuite(skip, async () => {
  await worker?.stop();
});

/**
 * Starts a scheduling worker, waits until it rendered the feed and `jobs` jobs are complete in
 * all, stops it; returns its log.
 */
async function renderOnce(root: string, jobs: number): Promise<string> {
  const started = await startSchedulingWorker(root);
  worker = started.worker;
  // Stopped once its job is complete: the render is stored and the next check queued.
  await eventually(
    async () => {
      if ((await renderedFeedCount(suite.postgres.connectionString)) === 0) return undefined;
      const [row] = await sql<{ count: string }>(
        suite.postgres.connectionString,
        "SELECT count(*) AS count FROM pgboss.job WHERE name = 'feedmill_feed' AND state = 'completed'",
      );
      return Number(row?.count ?? 0) >= jobs ? true : undefined;
    },
    30,
    started.log,
  );
  await started.worker.stop();
  worker = undefined;
  return started.log();
}

test('a named feed whose url is edited keeps its posts under workers and publish', {
  skip,
  timeout: 90_000,
}, async () => {
  const body = rssFeed('A', testItems('a', 3));
  suite.server.routes.set('/old.xml', cachedFeed(body, '"1"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  suite.server.routes.set('/new.xml', cachedFeed(body, '"1"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  const root = suite.fixture.site([suite.server.url('/old.xml')], suite.postgres.connectionString);
  await renderOnce(root, 1);
  assert.deepEqual(
    (await publishSite(loadConfig(join(root, 'feedmill.yml')))).feeds.map((feed) => feed.created),
    [3],
  );
  const written = postsOf(root);
  assert.equal(written.size, 3);

  // The same feed (feed0) at another url.
  const config = join(root, 'feedmill.yml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('/old.xml', '/new.xml'));
  const log = await renderOnce(root, 2);
  assert.match(
    log,
    new RegExp(
      `moved feed0: url changed from ${suite.server.url('/old.xml')} to ${suite.server.url('/new.xml')}; its 3 posts are kept`,
    ),
  );
  const asked = suite.server.seen.filter((request) => request.path === '/new.xml');
  assert.equal(asked.length, 1);
  assert.equal(asked[0]?.headers['if-none-match'], undefined, 'the old url’s validators stay behind');
  const report = await publishSite(loadConfig(config));
  assert.deepEqual(
    report.feeds.map((feed) => [feed.url, feed.created]),
    [[suite.server.url('/new.xml'), 0]],
  );
  assert.deepEqual([...postsOf(root).keys()].sort(), [...written.keys()].sort());
});
