import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { promisify } from 'node:util';
import { parseConfig } from '../../src/config/index.ts';
import { runSite } from '../../src/pipeline/index.ts';
import { openStore, readFeedStatus, SqliteDatabase } from '../../src/store/index.ts';
import { cachedFeed, type FeedServer, startFeedServer } from './feed-server.ts';
import { rssFeed, type TestItem } from './make-feed.ts';

// A named feed whose url is edited in feedmill.yml (a mirror, a new host or port) is the same
// feed: its posts are known items of the new url, never written a second time.

const REPO = resolve(import.meta.dirname, '../..');
const LAST_MODIFIED = 'Mon, 30 Nov 2026 00:00:00 GMT';
let first: FeedServer;
let second: FeedServer;
let site: string;

before(async () => {
  first = await startFeedServer();
  second = await startFeedServer();
});
after(async () => {
  await first.close();
  await second.close();
});
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'feedmill-url-edit-'));
  first.seen.length = 0;
  second.seen.length = 0;
});

function items(count: number): TestItem[] {
  return Array.from({ length: count }, (_unused, index) => ({
    guid: `id-${index}`,
    title: `Item ${index}`,
    html: `<p>body ${index}</p>`,
    date: new Date(Date.UTC(2026, 10, 1 + index)),
  }));
}

/** Writes feedmill.yml with these feeds (`name` omitted when undefined). */
function configure(feeds: readonly { url: string; name?: string; category?: string }[]): void {
  const lines = feeds.map(
    (feed) =>
      `  - url: ${feed.url}\n${feed.name ? `    name: ${feed.name}\n` : ''}    categories: [${feed.category ?? 'C'}]\n`,
  );
  writeFileSync(join(site, 'feedmill.yml'), `hexo: .\nfeeds:\n${lines.join('')}`);
}

function load() {
  return parseConfig(readFileSync(join(site, 'feedmill.yml'), 'utf8'), join(site, 'feedmill.yml'));
}

const run = (dryRun = false) => runSite(load(), { userAgent: 'feedmill/test', dryRun });

function posts(category = 'C'): Map<string, { content: string; mtimeMs: number }> {
  const folder = join(site, 'source', '_posts', category);
  const found = new Map<string, { content: string; mtimeMs: number }>();
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    found.set(name, { content: readFileSync(path, 'utf8'), mtimeMs: statSync(path).mtimeMs });
  }
  return found;
}

function feedRows(): { url: string; posts: number }[] {
  return readFeedStatus(join(site, '.feedmill', 'state.db')).map((row) => ({
    url: row.url,
    posts: row.posts,
  }));
}

function recordedNames(): (string | null)[] {
  const db = new SqliteDatabase(join(site, '.feedmill', 'state.db'), { readonly: true });
  try {
    return db.prepare<[], string | null>('SELECT name FROM feeds ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
}

const IDENTITY_LINE = /^feedmill: .*$/m;
const identityOf = (content: string) => IDENTITY_LINE.exec(content)?.[0];
const withoutIdentity = (content: string) => content.replace(IDENTITY_LINE, '');

function conditional(headers: Record<string, unknown> | undefined): unknown[] {
  return [headers?.['if-none-match'], headers?.['if-modified-since']].filter((value) => value !== undefined);
}

test('a named feed whose url moves to another port keeps its posts: none is written twice', async () => {
  const feed = rssFeed('A', items(3));
  first.routes.set('/feed', cachedFeed(feed, '"1"', LAST_MODIFIED));
  second.routes.set('/feed', cachedFeed(feed, '"1"', LAST_MODIFIED));
  configure([{ url: first.url('/feed'), name: 'f0' }]);
  await run();
  const written = posts();
  assert.equal(written.size, 3);
  assert.deepEqual(recordedNames(), ['f0']);

  configure([{ url: second.url('/feed'), name: 'f0' }]);
  const report = await run();
  assert.deepEqual(report.moved, [
    { name: 'f0', from: first.url('/feed'), to: second.url('/feed'), posts: 3 },
  ]);
  // Each post is rewritten in place once: its `feedmill:` identity now names the new url.
  const answer = report.feeds[0];
  assert.deepEqual(answer?.status === 'ok' && [answer.created, answer.updated, answer.unchanged], [0, 3, 0]);
  // The old url's validators are not the new one's: the new server gets an unconditional GET.
  assert.equal(second.seen.length, 1);
  assert.deepEqual(conditional(second.seen[0]?.headers), []);
  assert.deepEqual([...posts().keys()].sort(), [...written.keys()].sort());
  for (const [name, post] of posts()) {
    assert.notEqual(identityOf(post.content), identityOf(written.get(name)!.content), name);
    assert.equal(withoutIdentity(post.content), withoutIdentity(written.get(name)!.content), name);
  }
  // `feedmill status` shows the feed under its new url only, with its posts.
  assert.deepEqual(feedRows(), [{ url: second.url('/feed'), posts: 3 }]);
  // The new url's validators are saved from now on.
  assert.equal((await run()).feeds[0]?.status, 'not-modified');
});

test('a url edited twice keeps the posts, and an item changed meanwhile is updated in place', async () => {
  const original = items(3);
  first.routes.set('/a', cachedFeed(rssFeed('A', original), '"a"', LAST_MODIFIED));
  first.routes.set('/b', cachedFeed(rssFeed('A', original), '"b"', LAST_MODIFIED));
  const changed: TestItem[] = [{ ...original[0]!, html: '<p>edited body</p>' }, original[1]!, original[2]!];
  first.routes.set('/c', cachedFeed(rssFeed('A', changed), '"c"', LAST_MODIFIED));
  configure([{ url: first.url('/a'), name: 'f0' }]);
  await run();
  const written = posts();

  configure([{ url: first.url('/b'), name: 'f0' }]);
  assert.equal((await run()).moved?.[0]?.from, first.url('/a'));
  configure([{ url: first.url('/c'), name: 'f0' }]);
  const report = await run();
  assert.deepEqual(report.moved, [{ name: 'f0', from: first.url('/b'), to: first.url('/c'), posts: 3 }]);
  const answer = report.feeds[0];
  assert.deepEqual(answer?.status === 'ok' && [answer.created, answer.updated, answer.unchanged], [0, 3, 0]);
  assert.deepEqual(conditional(first.seen.at(-1)?.headers), []);
  const now = posts();
  assert.deepEqual([...now.keys()].sort(), [...written.keys()].sort());
  const edited = [...now].filter(
    ([name, post]) => withoutIdentity(post.content) !== withoutIdentity(written.get(name)!.content),
  );
  assert.equal(edited.length, 1);
  assert.match(edited[0]![1].content, /edited body/);
  assert.deepEqual(feedRows(), [{ url: first.url('/c'), posts: 3 }]);
});

test('a dry run reports the move and changes nothing; the real run then moves the feed', async () => {
  const feed = rssFeed('A', items(2));
  first.routes.set('/a', cachedFeed(feed, '"a"', LAST_MODIFIED));
  first.routes.set('/b', cachedFeed(feed, '"b"', LAST_MODIFIED));
  configure([{ url: first.url('/a'), name: 'f0' }]);
  await run();
  configure([{ url: first.url('/b'), name: 'f0' }]);
  const plan = await run(true);
  assert.deepEqual(plan.moved, [{ name: 'f0', from: first.url('/a'), to: first.url('/b'), posts: 2 }]);
  assert.deepEqual(
    plan.plan?.map((change) => change.kind),
    ['update', 'update'],
    'the plan rewrites the known posts in place, creates none',
  );
  assert.deepEqual(feedRows(), [{ url: first.url('/a'), posts: 2 }]);
  assert.equal((await run()).moved?.length, 1);
  assert.equal(posts().size, 2);
});

test('an old url still configured under another name stays that feed: no move', async () => {
  const feed = rssFeed('A', items(2));
  first.routes.set('/a', cachedFeed(feed, '"a"', LAST_MODIFIED));
  first.routes.set('/b', cachedFeed(feed, '"b"', LAST_MODIFIED));
  configure([{ url: first.url('/a'), name: 'f0' }]);
  await run();
  configure([
    { url: first.url('/b'), name: 'f0' },
    { url: first.url('/a'), name: 'f1', category: 'D' },
  ]);
  const report = await run();
  assert.equal(report.moved, undefined);
  // f1 owns the old row and its posts; f0 is a new feed with posts of its own.
  assert.equal(report.feeds[1]?.status, 'not-modified');
  assert.equal(report.feeds[0]?.status === 'ok' && report.feeds[0].created, 2);
  assert.deepEqual(
    feedRows().sort((a, b) => a.url.localeCompare(b.url)),
    [
      { url: first.url('/a'), posts: 2 },
      { url: first.url('/b'), posts: 2 },
    ],
  );
});

test('an unnamed feed is its url: editing it makes another feed', async () => {
  const feed = rssFeed('A', items(2));
  first.routes.set('/a', cachedFeed(feed, '"a"', LAST_MODIFIED));
  first.routes.set('/b', cachedFeed(feed, '"b"', LAST_MODIFIED));
  configure([{ url: first.url('/a') }]);
  await run();
  // Its row records no name: the url is its identity, which no other url can take over.
  assert.deepEqual(recordedNames(), [null]);
  configure([{ url: first.url('/b') }]);
  const report = await run();
  assert.equal(report.moved, undefined);
  assert.equal(feedRows().length, 2);
});

test('of two old rows under one name, the one checked last moves', async () => {
  const feed = rssFeed('A', items(1));
  first.routes.set('/new', cachedFeed(feed, '"n"', LAST_MODIFIED));
  configure([{ url: first.url('/new'), name: 'f0' }]);
  const store = openStore(join(site, '.feedmill', 'state.db'), { fsync: false });
  try {
    // The row checked last is the older row: row order alone would pick the other.
    const newer = store.feed(first.url('/newer'), 'f0');
    const older = store.feed(first.url('/older'), 'f0');
    store.recordSuccess(older.id, [], { validators: {} });
    await new Promise((resolveLater) => setTimeout(resolveLater, 5));
    store.recordSuccess(newer.id, [], { validators: {} });
  } finally {
    store.close();
  }
  const report = await run();
  assert.equal(report.moved?.[0]?.from, first.url('/newer'));
  assert.deepEqual(
    feedRows().map((row) => row.url),
    [first.url('/new'), first.url('/older')],
  );
});

test('feedmill run prints one line per moved feed', async () => {
  const feed = rssFeed('A', items(3));
  first.routes.set('/a', cachedFeed(feed, '"a"', LAST_MODIFIED));
  first.routes.set('/b', cachedFeed(feed, '"b"', LAST_MODIFIED));
  // Asynchronously: the feed server answers from this process.
  const cli = () =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/bin.ts'), 'run', '--config', join(site, 'feedmill.yml')],
      { encoding: 'utf8', cwd: REPO },
    );
  configure([{ url: first.url('/a'), name: 'f0' }]);
  await cli();
  configure([{ url: first.url('/b'), name: 'f0' }]);
  const moved = await cli();
  assert.match(
    moved.stdout,
    new RegExp(`f0: url changed from ${first.url('/a')} to ${first.url('/b')}; its 3 posts are kept\\n`),
  );
  assert.match(moved.stdout, /0 new, 3 updated, 0 unchanged/);
  assert.equal(posts().size, 3);
});
