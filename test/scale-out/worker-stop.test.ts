import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config/index.ts';
import { startWorker } from '../../src/queue/index.ts';
import { type FeedServer, startFeedServer } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../support/postgres.ts';
import {
  eventually,
  renderedFeedCount,
  type ScaleOutFixture,
  scaleOutFixture,
  testItems,
} from './scale-out-site.ts';

// A worker stopped (SIGTERM, `docker stop`) while a job is in hand lets that job end its
// attempt before the connections close, instead of leaving it to fail on a closed pool.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: a worker stopped mid-job', { skip }, () => {});
let postgres: TestPostgres | undefined;
let server: FeedServer;
let fixture: ScaleOutFixture;

before(async () => {
  if (skip) return;
  fixture = scaleOutFixture();
  postgres = await startPostgres();
  server = await startFeedServer();
});
after(async () => {
  fixture?.dispose();
  await server?.close();
  await postgres?.stop();
});

test('stop() waits for the job in hand, which stores its render', { skip, timeout: 60_000 }, async () => {
  let answering = false;
  const body = rssFeed('S', testItems('s', 3));
  // The feed answers 1.5 s after it is asked: the worker is stopped in between.
  server.routes.set('/slow.xml', (_request, response) => {
    answering = true;
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    }, 1500);
  });
  const root = fixture.site([server.url('/slow.xml')], postgres!.connectionString);
  let log = '';
  const worker = await startWorker(loadConfig(join(root, 'feedmill.yml')), {
    userAgent: 'feedmill-test',
    concurrency: 1,
    schedule: true,
    pollingIntervalSeconds: 0.5,
    log: (line) => {
      log += `${line}\n`;
    },
  });
  await eventually(
    async () => (answering ? true : undefined),
    20,
    () => log,
  );
  await worker.stop();
  assert.doesNotMatch(log, /failed|Cannot use a pool/, log);
  assert.match(log, /feed0: /);
  assert.equal(await renderedFeedCount(postgres!.connectionString), 1, 'the render was stored');
});
