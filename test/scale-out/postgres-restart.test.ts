import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig, parseConfig } from '../../src/config/index.ts';
import { runSite } from '../../src/pipeline/index.ts';
import { publishSite, type RunningWorker, startWorker } from '../../src/queue/index.ts';
import { okFeed } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  eventually,
  postsOf,
  renderedFeedCount,
  scaleOutSuite,
  sql,
  stopChild,
  testItems,
} from './scale-out-site.ts';

// PostgreSQL is stopped while two workers are in the middle of a run: some of their jobs hold a
// feed's answer, which arrives only once the server is down, so their writes meet a dead
// connection. After the restart the run must complete as if nothing happened.

const skip =
  skipUnlessPostgres() ||
  (process.env.FEEDMILL_TEST_POSTGRES_URL
    ? 'skipped: a server given by the environment is not restarted'
    : false);
if (skip) test('scale-out: PostgreSQL restarted during a run', { skip }, () => {});
const FAST = 20;
const HELD = 10;
let inProcess: RunningWorker | undefined;

const suite = scaleOutSuite(skip, async () => {
  await inProcess?.stop();
});

test('PostgreSQL restarted during a run: workers reconnect, every feed is published once', {
  skip,
  timeout: 120_000,
}, async () => {
  const paths = Array.from({ length: FAST + HELD }, (_unused, index) => `/feed-${index}.xml`);
  const bodies = paths.map((_path, index) => rssFeed(`Feed ${index}`, testItems(`f${index}`, 3)));
  // Answers of the held feeds wait here until the server is down (the reference run gets them at once).
  let holding = false;
  const held: (() => void)[] = [];
  paths.forEach((path, index) => {
    const answer = okFeed(bodies[index]!);
    suite.server.routes.set(path, (request, response: ServerResponse) => {
      if (holding && index >= FAST) held.push(() => answer(request, response));
      else answer(request, response);
    });
  });
  const urls = paths.map((path) => suite.server.url(path));

  const single = suite.fixture.site(urls);
  await runSite(
    parseConfig(readFileSync(join(single, 'feedmill.yml'), 'utf8'), join(single, 'feedmill.yml')),
    {
      userAgent: 'feedmill-test',
    },
  );
  const expected = postsOf(single);
  assert.equal(expected.size, paths.length * 3);

  holding = true;
  const url = suite.postgres.connectionString;
  const root = suite.fixture.site(urls, url);
  const options = ['--poll', '0.5', '--job-timeout', '5', '--retry-delay', '1', '--concurrency', '8'];
  const workers = [
    suite.fixture.feedmill(['worker', '--config', join(root, 'feedmill.yml'), '--schedule', ...options]),
    suite.fixture.feedmill(['worker', '--config', join(root, 'feedmill.yml'), ...options]),
  ];
  // A third worker in this process beats every second, to see its heartbeats resume while it runs.
  let inProcessLog = '';
  const note = (line: string) => {
    inProcessLog += `${line}\n`;
  };
  inProcess = await startWorker(loadConfig(join(root, 'feedmill.yml')), {
    userAgent: 'feedmill-test',
    concurrency: 1,
    heartbeatSeconds: 1,
    pollingIntervalSeconds: 0.5,
    expireInSeconds: 5,
    maintenanceIntervalSeconds: 5,
    retryDelaySeconds: 1,
    log: note,
    onError: (error) => note(`worker: ${error.message}`),
  });
  const logs = () =>
    [
      ...workers.map((worker, index) => `--- worker ${index}:\n${worker.log()}`),
      `--- in process:\n${inProcessLog}`,
    ].join('\n');
  const alive = () => {
    for (const [index, worker] of workers.entries())
      assert.equal(worker.exitCode ?? worker.signalCode, null, `worker ${index} exited:\n${logs()}`);
  };

  // The fast feeds are rendered and every held feed has a job waiting for its answer.
  await eventually(
    async () => ((await renderedFeedCount(url)) >= FAST && held.length === HELD ? true : undefined),
    60,
    () => `${held.length} held; ${logs()}`,
  );
  const restartedAt = new Date();
  await suite.postgres.restart!(async () => {
    // The held answers arrive while PostgreSQL is down: the jobs' writes fail.
    holding = false;
    for (const release of held.splice(0)) release();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  });

  await eventually(
    async () => {
      alive();
      return (await renderedFeedCount(url)) === paths.length ? true : undefined;
    },
    60,
    logs,
  );
  alive();
  const beating = inProcess;
  const beat = async () => {
    const [row] = await sql<{ last_heartbeat: Date }>(
      url,
      'SELECT last_heartbeat FROM workers WHERE id = $1',
      [beating.id],
    );
    return row!.last_heartbeat;
  };
  await eventually(async () => ((await beat()) > restartedAt ? true : undefined), 10, logs);
  inProcess = undefined;
  await beating.stop();

  // Jobs whose writes met the stopped server failed their attempt and were retried.
  const [retried] = await sql<{ count: string }>(
    url,
    "SELECT count(*) AS count FROM pgboss.job WHERE name = 'feedmill_feed' AND retry_count > 0",
  );
  assert.ok(Number(retried!.count) > 0, logs());
  assert.match(logs(), /feed-\d+\.xml: attempt 1 failed: .*cannot/);
  // Every feed's job ended (the last completions may still be landing) and its next one is
  // queued: none failed for good, none lost.
  let states = '';
  await eventually(
    async () => {
      const jobs = await sql<{ state: string; count: string }>(
        url,
        "SELECT state, count(*) AS count FROM pgboss.job WHERE name = 'feedmill_feed' AND state IN ('created', 'retry', 'active', 'failed') GROUP BY state ORDER BY state",
      );
      states = JSON.stringify(jobs.map((row) => [row.state, Number(row.count)]));
      return states === JSON.stringify([['created', paths.length]]) ? true : undefined;
    },
    20,
    () => `jobs by state ${states}\n${logs()}`,
  );

  const report = await publishSite(loadConfig(join(root, 'feedmill.yml')));
  assert.equal(report.feeds.length, paths.length);
  assert.ok(
    report.feeds.every((feed) => feed.created === 3 && feed.error === undefined),
    JSON.stringify(report.feeds),
  );
  assert.deepEqual(postsOf(root), expected);

  // The two processes are alive: a graceful stop records a last heartbeat after the restart.
  for (const worker of workers) assert.equal(await stopChild(worker), 0, logs());
  const beats = await sql<{ last_heartbeat: Date; jobs_done: number }>(
    url,
    'SELECT last_heartbeat, jobs_done FROM workers ORDER BY id',
  );
  assert.equal(beats.length, 3);
  for (const beat of beats) assert.ok(beat.last_heartbeat > restartedAt, logs());
  assert.ok(beats.reduce((sum, beat) => sum + beat.jobs_done, 0) >= paths.length, JSON.stringify(beats));
});
