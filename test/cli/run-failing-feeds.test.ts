import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli/index.ts';
import { type FeedServer, okFeed, startFeedServer, statusOnly } from '../http/feed-server.ts';
import { rssFeed } from '../http/make-feed.ts';
import { createHexoSite, type HexoSite, REPO_ROOT, runCommand, TSX_ARGS } from '../support/hexo-site.ts';
import { bufferOutput } from './buffer-output.ts';

// A feed that keeps failing must never look green: not on the run that meets the error, not on
// the runs that skip it while it backs off, not in the GitHub Actions job summary.

let server: FeedServer;
let site: HexoSite;
let config: string;
let summary: string;
const BAD = 'bad | feed';

before(async () => {
  server = await startFeedServer({
    '/good': okFeed(
      rssFeed('Good', [
        { guid: 'g1', title: 'Hello', html: '<p>hi</p>', date: new Date(Date.UTC(2026, 10, 1)) },
      ]),
    ),
    '/bad': statusOnly(502),
  });
  site = createHexoSite();
  config = join(site.root, 'feedmill.yml');
  summary = join(site.root, 'step-summary.md');
  writeFileSync(summary, '');
  writeFileSync(
    config,
    [
      'feeds:',
      `  - url: ${server.url('/good')}`,
      '    name: good',
      '    categories: [Good]',
      `  - url: ${server.url('/bad')}`,
      `    name: ${JSON.stringify(BAD)}`,
      '    categories: [Bad]',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await server.close();
  site.remove();
});

const asked = (path: string) => server.seen.filter((request) => request.path === path).length;

/** Runs `main` in this process as if under GitHub Actions (the env is restored afterwards). */
async function runInActions(args: string[]) {
  const previous = process.env.GITHUB_STEP_SUMMARY;
  process.env.GITHUB_STEP_SUMMARY = summary;
  try {
    const output = bufferOutput(false);
    const code = await main(args, output);
    return { code, stdout: output.stdout, stderr: output.stderr };
  } finally {
    if (previous === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = previous;
  }
}

test('a real run under GitHub Actions exits 3 and appends a job summary, failing feed first', async () => {
  const result = await runCommand(
    process.execPath,
    [...TSX_ARGS, join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'run'],
    site.root,
    undefined,
    { ...process.env, GITHUB_STEP_SUMMARY: summary },
  );
  assert.equal(result.code, 3, result.stderr);
  assert.match(
    result.stderr,
    /^FAILED {2}bad \| feed: .*502.* \[FETCH_HTTP_STATUS\] \(next try after \S+\)$/m,
  );
  const text = readFileSync(summary, 'utf8');
  assert.match(text, /^## feedmill run: 1 of 2 feeds failing$/m);
  assert.match(text, /^1 new · 0 updated · 0 unchanged · 0 not modified · 1 failing · [\d.]+ s$/m);
  const rows = text.split('\n').filter((line) => /^\| (?!feed \||---)/.test(line));
  assert.equal(rows.length, 2);
  assert.match(
    rows[0]!,
    /^\| bad \\\| feed \| \*\*failing\*\* \| – \| – \| `FETCH_HTTP_STATUS` .*502.*next try after/,
  );
  assert.equal(rows[1], '| good | ok | 1 | 0 |  |');
});

test('the next run skips the feed in backoff but still reports it failing (exit 3), with its last error', async () => {
  const before = asked('/bad');
  const result = await runInActions(['run', '--config', config]);
  assert.equal(result.code, 3, result.stderr);
  assert.equal(asked('/bad'), before, 'the feed in backoff was not asked');
  assert.match(
    result.stderr,
    /^FAILED {2}bad \| feed: .*502.* \[FETCH_HTTP_STATUS\] \(not fetched: backing off until \S+; feedmill run --retry fetches it now\)$/m,
  );
  assert.match(
    result.stdout,
    /2 feeds, 0 new, 0 updated, 1 unchanged, 0 not modified, 1 failed \(1 of them not fetched/,
  );
  assert.match(result.stderr, /--retry fetches feeds that are backing off now/);
  const sections = readFileSync(summary, 'utf8').split(/^(?=## feedmill run)/m);
  assert.equal(sections.length, 2, 'one section appended per run');
  assert.match(sections[1]!, /1 failing \(1 not fetched: backing off or gone\)/);
  assert.match(sections[1]!, /\| bad \\\| feed \| \*\*failing\*\* .*not fetched: backing off until/);

  const json = await runInActions(['run', '--config', config, '--json']);
  assert.equal(json.code, 3);
  const report = JSON.parse(json.stdout) as {
    feeds: { name: string; status: string; notFetched?: string; code?: string }[];
    totals: { failed: number; notFetched: number };
  };
  const bad = report.feeds.find((feed) => feed.name === BAD);
  assert.deepEqual([bad?.status, bad?.notFetched, bad?.code], ['failed', 'backoff', 'FETCH_HTTP_STATUS']);
  assert.deepEqual([report.totals.failed, report.totals.notFetched], [1, 1]);

  // feedmill status lists it as FAILING with the end of its backoff.
  const status = bufferOutput(false);
  assert.equal(await main(['status', '--config', config], status), 0);
  assert.match(status.stdout, /^bad \| feed +FAILING +never +FETCH_HTTP_STATUS: .*502.* +0 +\d{4}-\S+Z$/m);
});

test('--retry fetches a feed in backoff now; every selected feed failing exits 4', async () => {
  const before = asked('/bad');
  const result = await runInActions(['run', '--config', config, '--retry', '--feed', BAD]);
  assert.equal(asked('/bad'), before + 1, '--retry asked the feed');
  assert.equal(result.code, 4, result.stderr);
  assert.match(result.stderr, /1 feed\(s\) failing .*; nothing was written/);
  assert.match(readFileSync(summary, 'utf8'), /^## feedmill run: all 1 feeds failing$/m);
  // It recovers: --retry again, and the run is green.
  server.routes.set('/bad', okFeed(rssFeed('Bad', [])));
  const healed = await runInActions(['run', '--config', config, '--retry']);
  assert.equal(healed.code, 0, healed.stderr);
  assert.match(readFileSync(summary, 'utf8'), /^## feedmill run: all 2 feeds ok$/m);
});

test('a run that stops before the feeds (no config) still leaves a section, and exits 2', async () => {
  const result = await runInActions(['run', '--config', join(site.root, 'missing.yml')]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(readFileSync(summary, 'utf8'), /## feedmill run: failed\n\n`CONFIG_NOT_FOUND` .*missing\.yml/);
});
