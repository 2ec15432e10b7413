import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { parseConfig } from '../../src/config/index.ts';
import { FeedmillError } from '../../src/errors.ts';
import { acquireSiteLock, pruneSite, runSite } from '../../src/pipeline/index.ts';
import { openStore, readFeedStatus, recordNextChecks } from '../../src/store/index.ts';
import { cachedFeed, closeDelimited, type FeedServer, startFeedServer, statusOnly } from './feed-server.ts';
import { rssFeed, type TestItem } from './make-feed.ts';

const REPO = resolve(import.meta.dirname, '../..');
let server: FeedServer;
let site: string;

before(async () => {
  server = await startFeedServer();
});
after(() => server.close());
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'feedmill-run-'));
});

function items(count: number, prefix = 'Post', day = 1): TestItem[] {
  return Array.from({ length: count }, (_unused, index) => ({
    guid: `id-${index}`,
    title: `${prefix} ${index}`,
    html: `<p>body ${index}</p>`,
    date: new Date(Date.UTC(2026, 10, day + index)),
  }));
}

function configFor(path: string, extra = ''): string {
  const text = `hexo: .\nfeeds:\n  - url: ${server.url(path)}\n    name: t\n    categories: [C]\n${extra}`;
  writeFileSync(join(site, 'feedmill.yml'), text);
  return text;
}

function load() {
  return parseConfig(readFileSync(join(site, 'feedmill.yml'), 'utf8'), join(site, 'feedmill.yml'));
}

function posts(): Map<string, { content: string; mtimeMs: number }> {
  const folder = join(site, 'source', '_posts', 'C');
  const found = new Map<string, { content: string; mtimeMs: number }>();
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(folder, name);
    found.set(name, { content: readFileSync(path, 'utf8'), mtimeMs: statSync(path).mtimeMs });
  }
  return found;
}

const run = () => runSite(load(), { userAgent: 'feedmill/test' });

test('new items are written, a 304 writes nothing, a changed item rewrites its own file, removed items stay', async () => {
  const first = items(3);
  server.routes.set('/a', cachedFeed(rssFeed('A', first), '"1"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/a');
  const report1 = await run();
  assert.equal(report1.feeds[0]?.status, 'ok');
  const written = posts();
  assert.equal(written.size, 3);

  const report2 = await run();
  assert.equal(report2.feeds[0]?.status, 'not-modified');
  assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"1"', 'validators saved after the commit');
  for (const [name, post] of posts()) assert.equal(post.mtimeMs, written.get(name)?.mtimeMs, name);

  // Item 0 changes title and body; item 2 leaves the feed.
  const second: TestItem[] = [{ ...first[0]!, title: 'Renamed', html: '<p>new body</p>' }, first[1]!];
  server.routes.set('/a', cachedFeed(rssFeed('A', second), '"2"', 'Tue, 01 Dec 2026 00:00:00 GMT'));
  await new Promise((resolveLater) => setTimeout(resolveLater, 20));
  const report3 = await run();
  assert.deepEqual(
    report3.feeds[0]?.status === 'ok' && [
      report3.feeds[0].created,
      report3.feeds[0].updated,
      report3.feeds[0].unchanged,
    ],
    [0, 1, 1],
  );
  const after3 = posts();
  assert.deepEqual(
    [...after3.keys()].sort(),
    [...written.keys()].sort(),
    'same files, none added or removed',
  );
  const changed = [...after3].find(([, post]) => post.content.includes('new body'));
  assert.ok(changed, 'the changed item was rewritten');
  assert.match(changed[1].content, /Renamed/);
  assert.ok(written.has('Post-1.md'));
  assert.equal(
    after3.get('Post-1.md')?.mtimeMs,
    written.get('Post-1.md')?.mtimeMs,
    'unchanged post untouched',
  );
});

test('a body cut short fails the feed and stores nothing, so the next run fetches the whole feed', async () => {
  const full = rssFeed('Cut', items(6));
  // The cut falls inside the fourth item: a lenient parse would see three whole items.
  const sent = full.indexOf('<item>', full.indexOf('Post 3')) - 40;
  for (const end of ['reset', 'stall'] as const) {
    site = mkdtempSync(join(tmpdir(), 'feedmill-run-'));
    const path = `/cut-${end}`;
    server.routes.set(path, closeDelimited(full, sent, end, { etag: '"cut"' }));
    configFor(path, 'http:\n  timeout_seconds: 1\n');
    const report = await run();
    const feed = report.feeds[0];
    assert.equal(feed?.status, 'failed', end);
    assert.equal(feed?.status === 'failed' && feed.code, end === 'reset' ? 'FETCH_FAILED' : 'FETCH_TIMEOUT');
    assert.match(
      feed?.status === 'failed' ? feed.message : '',
      new RegExp(`${path}.*body cut short after ${sent} bytes`),
    );
    const store = openStore(load().statePath);
    const stored = store.feed(server.url(path));
    assert.equal(stored.etag, undefined, 'no validator stored');
    assert.equal(store.countItems(), 0);
    store.close();
    assert.equal(readFeedStatus(load().statePath)[0]?.lastSuccess, undefined, 'no last success');
    assert.equal(posts().size, 0, 'no post written');

    server.routes.set(path, cachedFeed(full, '"cut"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
    // Past the failure's backoff, as the next scheduled run would be.
    const later = await runSite(load(), {
      userAgent: 'feedmill/test',
      now: () => new Date(Date.now() + 3600_000),
    });
    assert.equal(server.seen.at(-1)?.headers['if-none-match'], undefined, 'an unconditional GET');
    assert.equal(later.feeds[0]?.status === 'ok' && later.feeds[0].created, 6);
    assert.equal(posts().size, 6);
  }
});

test('410 marks the feed gone and it is not polled again', async () => {
  server.routes.set('/gone', statusOnly(410));
  configFor('/gone');
  const report = await run();
  assert.equal(report.feeds[0]?.status === 'failed' && report.feeds[0].code, 'FETCH_GONE');
  const before = server.seen.length;
  const again = await run();
  // Still failing on every later run (its posts stop), with the 410 as the cause.
  const gone = again.feeds[0];
  assert.equal(gone?.status, 'failed');
  assert.equal(gone?.status === 'failed' && gone.notFetched, 'gone');
  assert.equal(gone?.status === 'failed' && gone.code, 'FETCH_GONE');
  assert.match(gone?.status === 'failed' ? gone.message : '', /answered 410 Gone/);
  assert.equal(server.seen.length, before, 'no request was made');
});

test('429 with Retry-After backs the feed off until then', async () => {
  server.routes.set('/busy', statusOnly(429, { 'retry-after': '3600' }));
  configFor('/busy');
  const report = await run();
  const feed = report.feeds[0];
  assert.equal(feed?.status === 'failed' && feed.code, 'FETCH_RATE_LIMITED');
  const wait = feed?.status === 'failed' && feed.nextCheck ? Date.parse(feed.nextCheck) - Date.now() : 0;
  assert.ok(wait > 3500_000 && wait <= 3600_000, `waits about an hour, got ${wait}`);
  // The next run does not ask, but the feed is still failing: reported with its last error.
  const before = server.seen.length;
  const again = await run();
  assert.deepEqual(again.feeds[0], {
    name: 't',
    status: 'failed',
    code: 'FETCH_RATE_LIMITED',
    message: feed?.status === 'failed' ? feed.message : '',
    failures: 1,
    nextCheck: feed?.status === 'failed' ? feed.nextCheck : '',
    notFetched: 'backoff',
  });
  assert.equal(server.seen.length, before, 'no request was made');
  // --retry asks now; a recovered feed is ok again.
  server.routes.set('/busy', cachedFeed(rssFeed('B', items(1)), '"b"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  const retried = await runSite(load(), { userAgent: 'feedmill/test', retry: true });
  assert.equal(server.seen.length, before + 1, 'the feed was asked');
  assert.equal(retried.feeds[0]?.status, 'ok');
});

test("a healthy feed's next_check (watch's schedule) does not keep it out of a manual run", async () => {
  server.routes.set('/fine', cachedFeed(rssFeed('F', items(1)), '"f"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/fine');
  assert.equal((await run()).feeds[0]?.status, 'ok');
  recordNextChecks(load().statePath, new Map([[server.url('/fine'), new Date(Date.now() + 3600_000)]]));
  const before = server.seen.length;
  assert.equal((await run()).feeds[0]?.status, 'not-modified');
  assert.equal(server.seen.length, before + 1, 'the feed was asked');
});

test('a 304 that sends new validators replaces the stored ones (RFC 9111 §4.3.4)', async () => {
  server.routes.set('/rotating', cachedFeed(rssFeed('R', items(1)), '"r1"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/rotating');
  assert.equal((await run()).feeds[0]?.status, 'ok');
  // The server answers the stored ETag with a 304 that names the ETag it uses now.
  server.routes.set('/rotating', (request, response) => {
    const current = request.headers['if-none-match'];
    if (current === '"r1"' || current === '"r2"') response.writeHead(304, { etag: '"r2"' }).end();
    else response.writeHead(200, { etag: '"r2"' }).end(rssFeed('R', items(1)));
  });
  assert.equal((await run()).feeds[0]?.status, 'not-modified');
  assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"r1"');
  assert.equal((await run()).feeds[0]?.status, 'not-modified');
  assert.equal(server.seen.at(-1)?.headers['if-none-match'], '"r2"', "the 304's ETag is sent next");
  // It sent no Last-Modified: the stored one stays.
  assert.equal(server.seen.at(-1)?.headers['if-modified-since'], 'Mon, 30 Nov 2026 00:00:00 GMT');
});

test('a permanent redirect updates the stored URL, which later runs poll directly', async () => {
  server.routes.set('/old', statusOnly(301, { location: '/new' }));
  server.routes.set('/new', cachedFeed(rssFeed('N', items(1)), '"n"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/old');
  const report = await run();
  assert.equal(report.feeds[0]?.status === 'ok' && report.feeds[0].movedTo, server.url('/new'));
  const before = server.seen.length;
  const again = await run();
  assert.equal(again.feeds[0]?.status, 'not-modified');
  assert.deepEqual(
    server.seen.slice(before).map((request) => request.path),
    ['/new'],
  );
});

test('retention prunes the oldest posts, never rewrites them, and prune --dry-run only lists', async () => {
  server.routes.set('/keep', cachedFeed(rssFeed('K', items(5)), '"k"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/keep');
  await run();
  assert.equal(posts().size, 5);
  configFor('/keep', '    keep: { max_items_per_feed: 2 }\n');
  const dry = await pruneSite(load(), { dryRun: true });
  assert.equal(dry.length, 3);
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO, 'src/cli/bin.ts'),
      'prune',
      '--dry-run',
      '--config',
      join(site, 'feedmill.yml'),
    ],
    { encoding: 'utf8', cwd: REPO },
  );
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /would delete {2}C\/Post-0\.md {2}\(count, /);
  assert.match(cli.stdout, /3 post\(s\) would be deleted/);
  assert.equal(posts().size, 5, 'dry run deletes nothing');
  // A full fetch (new validators) would offer the pruned items again: they stay deleted.
  server.routes.set('/keep', cachedFeed(rssFeed('K', items(5)), '"k2"', 'Tue, 01 Dec 2026 00:00:00 GMT'));
  const report = await run();
  assert.equal(report.pruned, 3);
  assert.deepEqual([...posts().keys()].sort(), ['Post-3.md', 'Post-4.md']);
  server.routes.set('/keep', cachedFeed(rssFeed('K', items(5)), '"k3"', 'Wed, 02 Dec 2026 00:00:00 GMT'));
  const again = await run();
  assert.equal(again.feeds[0]?.status === 'ok' && again.feeds[0].created, 0);
  assert.equal(posts().size, 2);
});

test('a second run on a locked site fails with LOCKED (exit 1) and a stale lock is taken over', async () => {
  server.routes.set('/l', cachedFeed(rssFeed('L', items(1)), '"l"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/l');
  const lock = acquireSiteLock(join(site, '.feedmill'));
  try {
    await assert.rejects(
      run(),
      (error: unknown) => error instanceof FeedmillError && error.code === 'LOCKED',
    );
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'src/cli/bin.ts'), 'run', '--config', join(site, 'feedmill.yml')],
      { encoding: 'utf8', cwd: REPO },
    );
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /another feedmill run holds .*run\.lock.*\[LOCKED\]/s);
  } finally {
    lock.release();
  }
  // A lock file left by a process that no longer exists.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  writeFileSync(
    join(site, '.feedmill', 'run.lock'),
    JSON.stringify({
      pid: Number(dead.stdout),
      hostname: (await import('node:os')).hostname(),
      started: 'x',
    }),
  );
  const report = await run();
  assert.equal(report.feeds[0]?.status, 'ok');
  assert.throws(() => statSync(join(site, '.feedmill', 'run.lock')), 'released after the run');
});

test('a write failure names the path, advances no state, and the next run completes the work', async () => {
  server.routes.set('/w', cachedFeed(rssFeed('W', items(2)), '"w"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/w');
  // A file where the category folder should be makes every write fail (ENOTDIR/EEXIST), even as root.
  const postsRoot = join(site, 'source', '_posts');
  (await import('node:fs')).mkdirSync(postsRoot, { recursive: true });
  writeFileSync(join(postsRoot, 'C'), 'blocker');
  const report = await run();
  const feed = report.feeds[0];
  assert.equal(feed?.status === 'failed' && feed.code, 'WRITE_FAILED');
  assert.match(feed?.status === 'failed' ? feed.message : '', /_posts\/C/);
  const store = openStore(load().statePath);
  const stored = store.feed(server.url('/w'));
  assert.equal(stored.etag, undefined, 'validators not saved');
  assert.equal(store.countItems(), 0);
  store.close();
  rmSync(join(postsRoot, 'C'));
  const retry = await run();
  assert.equal(retry.feeds[0]?.status === 'ok' && retry.feeds[0].created, 2);
  assert.equal(posts().size, 2);
});

test("the run summary warns, with the estimate, once the next build nears a runner's memory", async () => {
  server.routes.set('/many', cachedFeed(rssFeed('M', items(1)), '"m"', 'Mon, 30 Nov 2026 00:00:00 GMT'));
  configFor('/many');
  const store = openStore(load().statePath);
  const other = store.feed('https://elsewhere.test/feed');
  // Past 60 % of a 7 GiB runner on the default theme's curve (feedmill-news: ~15,500 posts).
  store.recordSuccess(
    other.id,
    Array.from({ length: 16_000 }, (_unused, index) => ({
      key: `k${index}`,
      contentHash: '',
      postPath: `Old/${index}.md`,
      firstSeen: '2026-01-01T00:00:00.000Z',
      published: '2026-01-01T00:00:00.000Z',
    })),
    { validators: {} },
  );
  store.close();
  const report = await run();
  assert.equal(report.warnings?.length, 1);
  assert.match(
    report.warnings?.[0] ?? '',
    /16,001 feedmill posts: the next hexo generate needs about .* GiB/,
  );
});
