import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { main } from '../../src/cli/index.ts';
import { bufferOutput } from '../cli/buffer-output.ts';
import { cachedFeed, type FeedServer, startFeedServer } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { createHexoSite, type HexoSite, REPO_ROOT, runCommand, TSX_ARGS } from '../support/hexo-site.ts';

// JSON Feed 1.1 `expired: true` ("the feed is finished: it will never update again") through
// the real `feedmill run`, against a server on 127.0.0.1: the posts are written and kept, the
// feed is named as finished once per run (log, job summary, --json, status) and never as a
// failure, it is fetched once a day instead of on every run, and an answer without the word
// puts it back on the normal schedule.

const DAY = 24 * 60 * 60 * 1000;
let server: FeedServer;
let site: HexoSite;
let config: string;
let summary: string;

function jsonFeed(titles: readonly string[], expired: boolean): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'The Archive',
    home_page_url: 'https://archive.example/',
    ...(expired ? { expired: true } : {}),
    items: titles.map((title, index) => ({
      id: `archive-${index}`,
      url: `https://archive.example/${index}`,
      title,
      content_html: `<p>${title}</p>`,
      date_published: new Date(Date.UTC(2026, 10, 1 + index)).toISOString(),
    })),
  });
}

/** Serves the JSON Feed with an ETag (304 to a matching If-None-Match), as JSON. */
function serveArchive(body: string, etag: string): void {
  const route = cachedFeed(body, etag, 'Mon, 30 Nov 2026 00:00:00 GMT');
  server.routes.set('/archive.json', (request, response) => {
    const writeHead = response.writeHead.bind(response);
    // The helper serves RSS; this one is a JSON Feed.
    response.writeHead = ((status: number, headers: Record<string, string>) =>
      writeHead(status, {
        ...headers,
        'content-type': 'application/feed+json',
      })) as typeof response.writeHead;
    route(request, response);
  });
}

before(async () => {
  server = await startFeedServer({
    '/live.xml': cachedFeed(
      rssFeed('Live', [
        { guid: 'l1', title: 'Live one', html: '<p>l</p>', date: new Date(Date.UTC(2026, 10, 1)) },
      ]),
      '"live"',
      'Mon, 30 Nov 2026 00:00:00 GMT',
    ),
  });
  serveArchive(jsonFeed(['First', 'Second'], true), '"a1"');
  site = createHexoSite();
  config = join(site.root, 'feedmill.yml');
  summary = join(site.root, 'step-summary.md');
  writeFileSync(summary, '');
  writeFileSync(
    config,
    [
      'feeds:',
      `  - url: ${server.url('/archive.json')}`,
      '    name: archive',
      '    categories: [Archive]',
      `  - url: ${server.url('/live.xml')}`,
      '    name: live',
      '    categories: [Live]',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await server.close();
  site.remove();
});

const asked = (path: string) => server.seen.filter((request) => request.path === path);
const posts = () =>
  readdirSync(join(site.postsDir, 'Archive'))
    .filter((name) => name.endsWith('.md'))
    .sort();

/** `feedmill <args>` in this process, as under GitHub Actions (the job summary appended). */
async function feedmill(...args: string[]) {
  const previous = process.env.GITHUB_STEP_SUMMARY;
  process.env.GITHUB_STEP_SUMMARY = summary;
  try {
    const output = bufferOutput(false);
    const code = await main([...args, '--config', config], output);
    return { code, stdout: output.stdout, stderr: output.stderr };
  } finally {
    if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = previous;
  }
}

/** The job summary section the last run appended. */
const lastSection = () =>
  readFileSync(summary, 'utf8')
    .split(/^(?=## feedmill run)/m)
    .at(-1) ?? '';

/** A day goes by: the archive's next check, as the state records it, is moved into the past. */
function aDayPasses(): void {
  const db = new Database(join(site.root, '.feedmill', 'state.db'));
  try {
    db.prepare('UPDATE feeds SET next_check = ? WHERE url = ?').run(
      new Date(Date.now() - 60_000).toISOString(),
      server.url('/archive.json'),
    );
  } finally {
    db.close();
  }
}

test('the first run writes a finished feed’s posts and names it finished, exit 0', async () => {
  const before = Date.now();
  const result = await runCommand(
    process.execPath,
    [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'run'],
    site.root,
    undefined,
    { ...process.env, GITHUB_STEP_SUMMARY: summary },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /FAILED|failing/);
  const line =
    /^ended {3}archive: finished; 2 new, 0 updated, 0 unchanged; its feed says it will not be updated again; its posts stay; checked once a day, next after (\S+Z)$/m.exec(
      result.stdout,
    );
  assert.ok(line, result.stdout);
  const next = Date.parse(line[1]!);
  assert.ok(next - before >= DAY && next - Date.now() <= DAY, line[1]);
  assert.equal(result.stdout.match(/archive/g)?.length, 1, 'named once in the run');
  assert.match(result.stdout, /^ok {6}live: 1 new/m);
  assert.match(
    result.stdout,
    /2 feeds, 3 new, .* 0 failed; 1 finished \(no more updates: checked once a day\)$/m,
  );
  assert.equal(posts().length, 2);

  const section = lastSection();
  assert.match(section, /^## feedmill run: all 2 feeds ok$/m);
  assert.match(section, / · 0 failing · 1 finished · /);
  assert.match(
    section,
    /^\| archive \| finished \| 2 \| 0 \| its feed says it will not be updated again; its posts stay; checked once a day, next after \S+ \|$/m,
  );
});

test('the next runs do not fetch it, still name it finished (not failing), and --json says so', async () => {
  const archiveAsked = asked('/archive.json').length;
  const liveAsked = asked('/live.xml').length;
  const result = await feedmill('run');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(asked('/archive.json').length, archiveAsked, 'a finished feed waits for its daily check');
  assert.equal(asked('/live.xml').length, liveAsked + 1, 'the other feed is fetched as usual');
  assert.match(
    result.stdout,
    /^ended {3}archive: finished; not fetched this run; its feed says it will not be updated again; its posts stay; checked once a day, next after \S+Z \(feedmill run --retry checks it now\)$/m,
  );
  assert.equal(result.stderr, '');
  assert.match(lastSection(), /^\| archive \| finished \| 0 \| 0 \| not fetched this run; .* \|$/m);

  const json = await feedmill('run', '--json');
  assert.equal(json.code, 0);
  const report = JSON.parse(json.stdout) as {
    feeds: Record<string, unknown>[];
    totals: { finished: number; failed: number };
  };
  const archive = report.feeds.find((feed) => feed.name === 'archive');
  assert.deepEqual(
    [archive?.status, archive?.finished, archive?.notFetched, typeof archive?.nextCheck],
    ['not-modified', true, 'finished', 'string'],
  );
  assert.deepEqual([report.totals.finished, report.totals.failed], [1, 0]);
  assert.equal(asked('/archive.json').length, archiveAsked);
  assert.equal(posts().length, 2);

  const status = await feedmill('status');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^archive +finished +\S+ +- +2 +\S+Z$/m);
  assert.match(status.stdout, /^live +ok +/m);
});

test('a day later it is asked again: a 304 keeps it finished; a smaller finished document keeps every post', async () => {
  aDayPasses();
  let result = await feedmill('run');
  assert.equal(result.code, 0, result.stderr);
  const last = asked('/archive.json').at(-1);
  assert.equal(last?.headers['if-none-match'], '"a1"', 'a conditional GET');
  assert.match(result.stdout, /^ended {3}archive: finished; not modified; .*next after \S+Z$/m);

  // Its items gone from the document: the posts stay.
  serveArchive(jsonFeed([], true), '"a2"');
  aDayPasses();
  result = await feedmill('run');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^ended {3}archive: finished; 0 new, 0 updated, 0 unchanged; /m);
  assert.equal(posts().length, 2);
});

test('once it no longer says it is finished it is written and fetched on every run again', async () => {
  serveArchive(jsonFeed(['First', 'Second', 'Third'], false), '"a3"');
  // Not due yet: --retry checks it now.
  const before = asked('/archive.json').length;
  let result = await feedmill('run', '--retry');
  assert.equal(result.code, 0, result.stderr);
  assert.equal(asked('/archive.json').length, before + 1);
  assert.match(
    result.stdout,
    /^ok {6}archive: 1 new, 0 updated, 2 unchanged; resumed: its feed no longer says it is finished$/m,
  );
  assert.doesNotMatch(result.stdout, /finished \(no more updates/);
  assert.match(lastSection(), /^\| archive \| ok \| 1 \| 0 \| resumed: no longer finished \|$/m);
  assert.equal(posts().length, 3);

  result = await feedmill('run');
  assert.equal(asked('/archive.json').length, before + 2, 'fetched on the very next run');
  assert.match(result.stdout, /^same {4}archive: not modified since the last run$/m);
  const status = await feedmill('status');
  assert.match(status.stdout, /^archive +ok +\S+ +- +3 +-$/m);
});
