import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { seededRandom } from '../../bench/lib/seeded-random.ts';
import { parseConfig } from '../../src/config/index.ts';
import { hashContent, runSite, TEMPORARY_SUFFIX } from '../../src/pipeline/index.ts';
import { takeWriterLock } from '../../src/queue/index.ts';
import { rssFeed, type TestItem } from '../http/make-feed.ts';
import { skipUnlessPostgres } from '../support/postgres.ts';
import { makeFeedJobsDue, postsOf, renderedSince, scaleOutSuite, sql, stopChild } from './scale-out-site.ts';

// `feedmill publish` SIGKILLed at seeded random moments while it applies what a worker rendered
// into PostgreSQL: before it holds the locks, between two feeds, and between a feed's journal
// and its commit. Each kill is followed by another publish; after a last complete one the site
// must hold exactly the posts of one uninterrupted `feedmill run`, and the state nothing pending.

const skip = skipUnlessPostgres();
if (skip) test('scale-out: the writer killed at random moments', { skip }, () => {});
const SEED = 20261207;
const FEEDS = 30;
const ITEMS = 8;
const ROUNDS = 2;
/** Where in a publish a kill lands; each round kills once at each. */
const MOMENTS = ['start', 'between feeds', 'journal written', 'files in place'] as const;
type Moment = (typeof MOMENTS)[number];

const suite = scaleOutSuite(skip);

/** The items in an order drawn from `random` (Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/** Content version of each item of each feed; a new version changes the post's body. */
type FeedVersions = number[][];

function feedBody(feed: number, versions: readonly number[]): string {
  const items: TestItem[] = versions.map((version, index) => ({
    guid: `g-${feed}-${index}`,
    title: `Item ${feed}-${index}`,
    html: `<p>${'text '.repeat(200)}</p><p>marker-${feed}-${index}-v${version}-end</p>`,
    date: new Date(Date.UTC(2026, 0, 1 + index, feed % 24)),
  }));
  return rssFeed(`Feed ${feed}`, items);
}

/** Between rounds the feeds change: some items get a new body, some feeds a new item. */
function changeFeeds(states: FeedVersions, random: () => number, changes: number): void {
  for (let change = 0; change < changes; change++) {
    const versions = states[Math.floor(random() * states.length)]!;
    if (random() < 0.3) versions.push(0);
    else {
      const item = Math.floor(random() * versions.length);
      versions[item] = versions[item]! + 1;
    }
  }
}

interface Waiting {
  feeds: number;
  journal: number;
}

test('publish SIGKILLed at random moments, then run again: the posts of one uninterrupted run', {
  skip,
  timeout: 180_000,
}, async () => {
  const random = seededRandom(SEED);
  const states: FeedVersions = Array.from({ length: FEEDS }, () => new Array(ITEMS).fill(0));
  const paths = states.map((_versions, feed) => `/crash-${feed}.xml`);
  for (const [feed, path] of paths.entries())
    suite.server.routes.set(path, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody(feed, states[feed]!));
    });
  const urls = paths.map((path) => suite.server.url(path));
  const url = suite.postgres.connectionString;
  const root = suite.fixture.site(urls, url);
  const config = join(root, 'feedmill.yml');

  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const waiting = async (): Promise<Waiting> => {
    const { rows } = await probe.query<{ feeds: string; journal: string }>(
      `SELECT (SELECT count(*) FROM rendered_feeds) AS feeds, (SELECT count(*) FROM pending_writes) AS journal`,
    );
    return { feeds: Number(rows[0]!.feeds), journal: Number(rows[0]!.journal) };
  };

  // A publish with nothing to do measures how long one takes to start (and creates the tables).
  const started = Date.now();
  const empty = suite.fixture.feedmill(['publish', '--config', config]);
  const [emptyCode] = (await once(empty, 'exit')) as [number | null];
  assert.equal(emptyCode, 0, empty.log());
  const startupMs = Date.now() - started;

  const postsRoot = join(root, 'source', '_posts');
  /** Journalled writes whose file is already complete on disk (what repair keeps). */
  const landed = async () => {
    const { rows } = await probe.query<{ post_path: string; content_hash: string }>(
      "SELECT post_path, content_hash FROM pending_writes WHERE action = 'write'",
    );
    return rows.filter((row) => {
      try {
        return (
          hashContent(readFileSync(join(postsRoot, ...row.post_path.split('/')), 'utf8')) === row.content_hash
        );
      } catch {
        return false;
      }
    }).length;
  };

  /**
   * Kills `child` at a random point of `moment`: a random time into its start (loading, locking,
   * repairing); once the feeds waiting fall to a random count; past that count, once a feed's
   * writes are journalled; or once some of those files are in place and not yet committed.
   */
  const killAt = async (moment: Moment, child: ChildProcess, before: Waiting, exited: () => boolean) => {
    if (moment === 'start' || before.feeds === 0) {
      // At the delay, or sooner if it already applied a feed (a loaded machine starts slower or
      // faster than the calibration said).
      const delay = Math.floor(random() * startupMs);
      const deadline = Date.now() + delay;
      while (!exited() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if ((await waiting()).feeds < before.feeds) break;
      }
      child.kill('SIGKILL');
      return `${delay} ms into its start`;
    }
    // Some feeds are left for the next publish, when there are.
    const left = before.feeds > 1 ? 1 + Math.floor(random() * (before.feeds - 1)) : 0;
    while (!exited()) {
      // A short pause between looks leaves the machine's cores to the publish.
      await new Promise((resolve) => setTimeout(resolve, 2));
      const now = await waiting();
      if (now.feeds > left) continue;
      // A feed without changes journals nothing: a few feeds on (or at the end), any moment will do.
      const late = now.feeds <= Math.max(0, left - 3);
      if (
        moment === 'between feeds' ||
        late ||
        (now.journal > 0 && (moment === 'journal written' || (await landed()) > 0))
      ) {
        child.kill('SIGKILL');
        break;
      }
    }
    return `at ${left} feed(s) left, ${moment}`;
  };

  const worker = suite.fixture.feedmill(['worker', '--config', config, '--schedule', '--poll', '0.5']);
  const kills: string[] = [];
  let midFeed = 0;
  let inPlace = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const roundStart = new Date();
      if (round > 0) {
        changeFeeds(states, random, FEEDS * 2);
        // Every feed's next check is now: the worker renders them all again.
        await makeFeedJobsDue(url);
      }
      await renderedSince(url, FEEDS, roundStart, worker.log);
      assert.equal((await waiting()).feeds, FEEDS, `every feed's output waits: ${kills.join('; ')}`);

      // Publishes killed one after the other while output waits, once at each moment in a
      // seeded order; what the last leaves is rendered over by the next round, or repaired by
      // the final publish.
      const moments = shuffled(MOMENTS, random);
      for (let killed = 0; killed < moments.length; ) {
        const before = await waiting();
        if (before.feeds === 0 && before.journal === 0) break;
        const child = suite.fixture.feedmill(['publish', '--config', config]);
        const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
        let done = false;
        void exited.then(() => {
          done = true;
        });
        const moment = await killAt(moments[killed]!, child, before, () => done);
        const [code, signal] = await exited;
        if (signal !== 'SIGKILL') {
          assert.equal(code, 0, child.log());
          continue;
        }
        killed++;
        const left = await waiting();
        const complete = await landed();
        if (left.journal > 0) midFeed++;
        if (complete > 0) inPlace++;
        kills.push(
          `round ${round}: ${moment}; ${before.feeds} → ${left.feeds} feed(s), journal ${left.journal} (${complete} in place)`,
        );
      }
    }
    const last = suite.fixture.feedmill(['publish', '--config', config]);
    const [lastCode] = (await once(last, 'exit')) as [number | null];
    assert.equal(lastCode, 0, last.log());
  } finally {
    assert.equal(await stopChild(worker), 0, worker.log());
    await probe.end();
  }
  assert.ok(kills.length >= ROUNDS * 3, `only ${kills.length} publishes were killed: ${kills.join('; ')}`);
  assert.ok(
    midFeed >= 2,
    `only ${midFeed} kill(s) fell between a journal and its commit: ${kills.join('; ')}`,
  );
  assert.ok(inPlace >= 1, `no kill fell after a journalled file was in place: ${kills.join('; ')}`);

  // The same final feeds, in one uninterrupted single-process run.
  const single = suite.fixture.site(urls);
  await runSite(
    parseConfig(readFileSync(join(single, 'feedmill.yml'), 'utf8'), join(single, 'feedmill.yml')),
    {
      userAgent: 'feedmill-test',
    },
  );
  const expected = postsOf(single);
  assert.equal(
    expected.size,
    states.reduce((sum, versions) => sum + versions.length, 0),
  );
  const posts = postsOf(root);
  assert.deepEqual(
    [...posts.keys()].filter((path) => path.endsWith(TEMPORARY_SUFFIX) || !path.endsWith('.md')),
    [],
    'no temporary or stray files',
  );
  assert.deepEqual([...posts.keys()].sort(), [...expected.keys()].sort(), 'one post per item, no duplicate');
  for (const [path, text] of expected) assert.equal(posts.get(path), text, `complete and latest: ${path}`);

  const [state] = await sql<{ items: string; journal: string; feeds: string; posts: string }>(
    url,
    `SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM pending_writes) AS journal,
       (SELECT count(*) FROM rendered_feeds) AS feeds, (SELECT count(*) FROM rendered_posts) AS posts`,
  );
  assert.deepEqual(
    { ...state },
    { items: String(expected.size), journal: '0', feeds: '0', posts: '0' },
    'every post recorded once, nothing journalled, nothing waiting for publish',
  );
  // The writer's locks are free: PostgreSQL's and the site's.
  const lock = await takeWriterLock(url, root);
  await lock.release();
  assert.equal(existsSync(join(root, '.feedmill', 'run.lock')), false);
});
