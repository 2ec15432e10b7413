import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SqliteDatabase } from '../../src/store/index.ts';
import { createHexoSite, type HexoSite, postPages, runFeedmill } from '../support/hexo-site.ts';

const DAY = 24 * 60 * 60 * 1000;
let site: HexoSite;
let server: ReturnType<typeof createServer>;
let origin: string;
let feedRequests = 0;

/** Items: [guid, title, category, description, age in days]. */
const ITEMS: [string, string, string, string, number][] = [
  ['rust', 'Rust 1.90 released', 'Rust', 'The release notes.', 1],
  ['sponsored', 'Sponsored: a faster laptop', 'Rust', 'Buy now.', 1],
  ['go-ad', 'Go tooling tips', 'Go', '本文含广告 and some tips.', 2],
  ['go', 'Go 1.30 notes', 'Go', 'What changed in Go.', 2],
  ['weekly', 'Weekly notes', 'Misc', 'Odds and ends.', 3],
  ['old', 'Rust in 2019', 'Rust', 'An old story.', 400],
];

// Fixed once, so that every run reads the same dates.
const NOW = Date.now();

function feed(): string {
  const now = NOW;
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Mixed</title><link>${origin}/</link><description>d</description>
${ITEMS.map(
  ([id, title, category, description, age]) =>
    `<item><guid isPermaLink="false">${id}</guid><title>${title}</title><link>${origin}/${id}</link>` +
    `<category>${category}</category><pubDate>${new Date(now - age * DAY).toUTCString()}</pubDate>` +
    `<description>${description}</description></item>`,
).join('\n')}
</channel></rss>`;
}

function writeConfig(include: boolean): void {
  writeFileSync(
    join(site.root, 'feedmill.yml'),
    [
      'hexo: .',
      'filter:',
      '  exclude: [sponsored]',
      'feeds:',
      `  - url: ${origin}/feed.xml`,
      '    categories: [News, Mixed]',
      '    filter:',
      ...(include ? ['      include: [{ regex: "^(rust|go)$", fields: [category] }]'] : []),
      '      exclude: [广告]',
      '      max_age_days: 30',
      '',
    ].join('\n'),
  );
}

before(async () => {
  server = createServer((request, response) => {
    feedRequests++;
    if (request.url !== '/feed.xml') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = createHexoSite();
  writeConfig(true);
});

after(() => {
  server.close();
  site.remove();
});

function titles(): string[] {
  return readdirSync(site.postsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(
      (entry) =>
        /^title: '?(.*?)'?$/m.exec(readFileSync(join(entry.parentPath, entry.name), 'utf8'))?.[1] ?? '',
    )
    .sort();
}

/** When each item's filter verdict was last made, from the state database. */
function judgedAt(): Map<string, string> {
  const db = new SqliteDatabase(join(site.root, '.feedmill', 'state.db'), { readonly: true });
  try {
    const rows = db
      .prepare<[], { key: string; at: string }>(
        "SELECT item_key AS key, updated_at AS at FROM processor_cache WHERE processor = 'filter'",
      )
      .all();
    return new Map(rows.map((row) => [row.key, row.at]));
  } finally {
    db.close();
  }
}

test('a dry run shows what the rules keep and drop, and writes nothing', async () => {
  const result = await runFeedmill(['run', '--config', 'feedmill.yml', '--dry-run'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  const out = result.stdout;
  assert.match(
    out,
    /keeps "Rust 1\.90 released" \(included by feeds\[0\]\.filter\.include\[0\] \(\/\^\(rust\|go\)\$\/\)\)/,
  );
  assert.match(out, /keeps "Go 1\.30 notes"/);
  assert.match(out, /drops "Sponsored: a faster laptop" \(excluded by filter\.exclude\[0\] \(sponsored\)\)/);
  assert.match(out, /drops "Go tooling tips" \(excluded by feeds\[0\]\.filter\.exclude\[0\] \(广告\)\)/);
  assert.match(out, /drops "Weekly notes" \(matches no rule of feeds\[0\]\.filter\.include\)/);
  assert.match(out, /drops "Rust in 2019" \(published .*more than 30 days ago \(max_age_days\)\)/);
  assert.ok(!existsSync(site.postsDir) || titles().length === 0);
});

test('a run writes only the kept items, and real Hexo builds them', async () => {
  const result = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /2 new, 0 updated, 0 unchanged/);
  assert.deepEqual(titles(), ['Go 1.30 notes', 'Rust 1.90 released']);
  const built = await site.generate();
  assert.equal(built.code, 0, built.stderr + built.stdout);
  const pages = postPages(site).map((file) => readFileSync(file, 'utf8'));
  assert.equal(pages.length, 2);
  assert.ok(pages.some((html) => html.includes('Rust 1.90 released')));
  assert.ok(!pages.some((html) => html.includes('Sponsored') || html.includes('Weekly notes')));
});

test('a re-run judges no item again; changed rules judge the items still in the feed again', async () => {
  const first = judgedAt();
  // Age is decided each run, so the old item has no remembered verdict; the five others do.
  assert.deepEqual([...first.keys()].sort(), ['go', 'go-ad', 'old', 'rust', 'sponsored', 'weekly'].sort());
  const requestsBefore = feedRequests;
  const again = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(again.code, 0, again.stderr + again.stdout);
  assert.ok(feedRequests > requestsBefore);
  assert.match(again.stdout, /0 new, 0 updated, 2 unchanged/);
  assert.deepEqual(judgedAt(), first);

  writeConfig(false);
  const changed = await runFeedmill(['run', '--config', 'feedmill.yml'], site.root);
  assert.equal(changed.code, 0, changed.stderr + changed.stdout);
  assert.match(changed.stdout, /1 new, 0 updated, 2 unchanged/);
  assert.deepEqual(titles(), ['Go 1.30 notes', 'Rust 1.90 released', 'Weekly notes']);
  const rejudged = judgedAt();
  for (const [key, at] of first) assert.notEqual(rejudged.get(key), at, `${key} was not judged again`);
});
