import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config/index.ts';
import { publishSite, type RunningWorker } from '../../src/queue/index.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  cli,
  eventually,
  makeFeedJobsDue,
  postsOf,
  renderedSince,
  scaleOutSuite,
  sql,
  startSchedulingWorker,
} from './scale-out-site.ts';

// Workers on a PostgreSQL state act on JSON Feed's `expired: true` as `run` does: the feed's
// posts are published, it is recorded as finished, its next job is a day away, `feedmill
// status` says so, and an answer without the word puts it back on its interval.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: a finished JSON Feed under workers', { skip }, () => {});
let worker: RunningWorker | undefined;

const suite = scaleOutSuite(skip, async () => {
  await worker?.stop();
});

const HOUR = 60 * 60 * 1000;

function jsonFeed(count: number, expired: boolean): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Done',
    expired,
    items: Array.from({ length: count }, (_unused, index) => ({
      id: `d-${index}`,
      title: `Done post ${index}`,
      content_html: `<p>body ${index}</p>`,
      date_published: new Date(Date.UTC(2026, 10, 1 + index)).toISOString(),
    })),
  });
}

/** The feed's next queued job: when it may start. */
async function queuedAt(url: string): Promise<Date | undefined> {
  const [row] = await sql<{ start_after: Date }>(
    suite.postgres.connectionString,
    "SELECT start_after FROM pgboss.job WHERE name = 'feedmill_feed' AND state = 'created' AND singleton_key = $1",
    [url],
  );
  return row?.start_after;
}

async function feedRow(url: string) {
  const [row] = await sql<{ status: string; next_check: Date | null }>(
    suite.postgres.connectionString,
    'SELECT status, next_check FROM feeds WHERE url = $1',
    [url],
  );
  return row;
}

test('a finished JSON Feed is published, checked a day later, shown finished, and resumes', {
  skip,
  timeout: 120_000,
}, async () => {
  let body = jsonFeed(2, true);
  suite.server.routes.set('/done.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/feed+json' }).end(body);
  });
  const url = suite.server.url('/done.json');
  const root = suite.fixture.site([url], suite.postgres.connectionString);
  const config = join(root, 'feedmill.yml');

  const started = Date.now();
  let running = await startSchedulingWorker(root);
  worker = running.worker;
  await renderedSince(suite.postgres.connectionString, 1, new Date(started - 1000), running.log);
  const next = await eventually(() => queuedAt(url), 30, running.log);
  await running.worker.stop();
  worker = undefined;
  assert.match(
    running.log(),
    /feed0: rendered 2 new or changed post\(s\); finished: its feed says it will not be updated again; next check at \S+Z/,
  );
  assert.ok(next.getTime() - started >= 23.9 * HOUR, `next job at ${next.toISOString()}`);

  const published = await publishSite(loadConfig(config));
  assert.deepEqual(
    published.feeds.map((feed) => feed.created),
    [2],
  );
  assert.equal(postsOf(root).size, 2);
  const finished = await feedRow(url);
  assert.equal(finished?.status, 'finished');
  assert.ok(finished?.next_check && finished.next_check.getTime() - started >= 23.9 * HOUR);
  const status = await cli(['status', '--config', config]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^feed0 +finished +\S+ +- +2 +\S+Z$/m);

  // A day later (the job made due) the feed no longer says it: it is rendered, published,
  // active again, and its next job is back on the interval (30 minutes by default).
  body = jsonFeed(3, false);
  const since = new Date();
  running = await startSchedulingWorker(root);
  worker = running.worker;
  await makeFeedJobsDue(suite.postgres.connectionString);
  await renderedSince(suite.postgres.connectionString, 1, since, running.log);
  const again = await eventually(
    async () => {
      const at = await queuedAt(url);
      return at && at.getTime() - Date.now() < 2 * HOUR ? at : undefined;
    },
    30,
    running.log,
  );
  await running.worker.stop();
  worker = undefined;
  assert.match(running.log(), /feed0: rendered 1 new or changed post\(s\); resumed: no longer finished/);
  assert.ok(again.getTime() - since.getTime() <= 34 * 60_000, `next job at ${again.toISOString()}`);
  assert.deepEqual(
    (await publishSite(loadConfig(config))).feeds.map((feed) => feed.created),
    [1],
  );
  assert.equal(postsOf(root).size, 3);
  assert.equal((await feedRow(url))?.status, 'active');
  assert.match((await cli(['status', '--config', config])).stdout, /^feed0 +ok +/m);
});
