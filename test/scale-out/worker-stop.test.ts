import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rssFeed } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import {
  eventually,
  renderedFeedCount,
  scaleOutSuite,
  startSchedulingWorker,
  testItems,
} from './scale-out-site.ts';

// A worker stopped (SIGTERM, `docker stop`) while a job is in hand lets that job end its
// attempt before the connections close, instead of leaving it to fail on a closed pool.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: a worker stopped mid-job', { skip }, () => {});

const suite = scaleOutSuite(skip);

test('stop() waits for the job in hand, which stores its render', { skip, timeout: 60_000 }, async () => {
  let answering = false;
  const body = rssFeed('S', testItems('s', 3));
  // The feed answers 1.5 s after it is asked: the worker is stopped in between.
  suite.server.routes.set('/slow.xml', (_request, response) => {
    answering = true;
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    }, 1500);
  });
  const root = suite.fixture.site([suite.server.url('/slow.xml')], suite.postgres.connectionString);
  const { worker, log } = await startSchedulingWorker(root);
  await eventually(async () => (answering ? true : undefined), 20, log);
  await worker.stop();
  assert.doesNotMatch(log(), /failed|Cannot use a pool/, log());
  assert.match(log(), /feed0: /);
  assert.equal(await renderedFeedCount(suite.postgres.connectionString), 1, 'the render was stored');
});
