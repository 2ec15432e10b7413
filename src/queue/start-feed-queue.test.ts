import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../../test/support/postgres.ts';
import { type FeedJob, type FeedQueue, startFeedQueue } from './index.ts';
import { ensureQueue, FEED_QUEUE } from './start-feed-queue.ts';

const skip = skipUnlessPostgres();
let server: TestPostgres | undefined;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => {
  await server?.stop();
});

const worker = fileURLToPath(new URL('../../test/support/hanging-feed-worker.ts', import.meta.url));

/** Polls `check` until it returns a value, or fails after `seconds`. */
async function eventually<T>(check: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`nothing after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('processes creating the queue at once on a fresh database do not deadlock', { skip }, async () => {
  const { default: pg } = await import('pg');
  const { default: Boss } = await import('pg-boss');
  // pg-boss's own createQueue, called at once by four processes, deadlocks nearly every time.
  for (let round = 0; round < 3; round += 1) {
    const client = new pg.Client({ connectionString: server!.connectionString });
    await client.connect();
    try {
      await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
    } finally {
      await client.end();
    }
    const bosses = Array.from(
      { length: 4 },
      () => new Boss({ connectionString: server!.connectionString, schedule: false }),
    );
    for (const boss of bosses) boss.on('error', () => {});
    await bosses[0]!.start();
    await Promise.all(bosses.slice(1).map((boss) => boss.start()));
    try {
      const created = await Promise.allSettled(
        bosses.map((boss) =>
          ensureQueue(boss, server!.connectionString, { name: FEED_QUEUE, policy: 'stately' }),
        ),
      );
      const failed = created.flatMap((result) =>
        result.status === 'rejected' ? [String(result.reason)] : [],
      );
      assert.deepEqual(failed, [], `round ${round}`);
      assert.equal((await bosses[0]!.getQueue(FEED_QUEUE))?.policy, 'stately');
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  }
});

test('a feed has at most one waiting job', { skip }, async () => {
  const queue = await startFeedQueue({ connectionString: server!.connectionString });
  try {
    const later = new Date(Date.now() + 3600_000);
    const first = await queue.schedule({ url: 'https://a.example/feed' }, later);
    assert.ok(first);
    assert.equal(await queue.schedule({ url: 'https://a.example/feed' }, later), undefined);
    assert.ok(await queue.schedule({ url: 'https://b.example/feed' }, later));
    assert.deepEqual(await queue.job(first), { state: 'created', retryCount: 0 });
  } finally {
    await queue.stop();
  }
});

test('the job of a SIGKILLed worker expires and is retried by another worker', { skip }, async () => {
  let queue: FeedQueue | undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', worker, server!.connectionString], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    queue = await startFeedQueue({
      connectionString: server!.connectionString,
      expireInSeconds: 2,
      retryDelaySeconds: 1,
      maintenanceIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    const id = await queue.schedule({ url: 'https://killed.example/feed' });
    assert.ok(id);
    // The child holds the job; kill it mid-job.
    let output = '';
    child.stdout!.setEncoding('utf8');
    await eventually(async () => {
      const chunk = child.stdout!.read() as string | null;
      if (chunk) output += chunk;
      return output.includes(`holding ${id}`) ? true : undefined;
    }, 30);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const done: { job: FeedJob; retryCount: number }[] = [];
    await queue.work(async (job, attempt) => {
      done.push({ job, retryCount: attempt.retryCount });
    });
    const state = await eventually(async () => {
      const job = await queue!.job(id);
      return job?.state === 'completed' ? job : undefined;
    }, 30);
    assert.equal(state.retryCount, 1, 'one failed attempt (the killed one), then this one');
    assert.deepEqual(done, [{ job: { url: 'https://killed.example/feed' }, retryCount: 1 }]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await queue?.stop();
  }
});

test('a slot that finished a job asks for the next at once, not after the polling interval', {
  skip,
}, async () => {
  const queue = await startFeedQueue({
    connectionString: server!.connectionString,
    pollingIntervalSeconds: 30,
  });
  try {
    const urls = ['a', 'b', 'c'].map((name) => `https://next.example/${name}`);
    for (const url of urls) assert.ok(await queue.schedule({ url }));
    const done: string[] = [];
    await queue.work(async (job) => {
      done.push(job.url);
    });
    // Waiting out the interval after each job would take a minute for the last two.
    await eventually(async () => (done.length === urls.length ? true : undefined), 20);
    assert.deepEqual(done.sort(), urls);
  } finally {
    await queue.stop();
  }
});
