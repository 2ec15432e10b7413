import assert from 'node:assert/strict';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, mock, test } from 'node:test';
import { parseConfig } from '../../src/config/index.ts';
import { runSite } from '../../src/pipeline/index.ts';

// A run reads the Hugo site's config file once: the site facts (its time zone) and the check that
// Hugo 0.162+ may read HTML content files both come from that one read.

const FEED = `<rss version="2.0"><channel><title>t</title><link>https://example.com/</link>
<item><guid>a</guid><title>A</title><description>&lt;p&gt;a&lt;/p&gt;</description><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

let site: string;
before(() => {
  site = mkdtempSync(join(tmpdir(), 'feedmill-hugo-config-once-'));
  writeFileSync(join(site, 'hugo.toml'), "title = 'x'\ntimeZone = 'Asia/Shanghai'\n");
  writeFileSync(join(site, 'feed.xml'), FEED);
  writeFileSync(
    join(site, 'feedmill.yml'),
    `hexo: .\ngenerator: hugo\nfeeds:\n  - url: ${JSON.stringify(join(site, 'feed.xml'))}\n    categories: [C]\n`,
  );
});
after(() => rmSync(site, { recursive: true, force: true }));

/** Runs `work` counting the reads of the site's hugo.toml (named imports of node:fs included). */
async function countingConfigReads(work: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  const original = fs.readFileSync;
  const counting = mock.method(fs, 'readFileSync', (...args: Parameters<typeof fs.readFileSync>) => {
    if (typeof args[0] === 'string' && basename(args[0]) === 'hugo.toml') reads++;
    return original(...args);
  });
  syncBuiltinESMExports();
  try {
    await work();
  } finally {
    counting.mock.restore();
    syncBuiltinESMExports();
  }
  return reads;
}

const load = () => parseConfig(readFileSync(join(site, 'feedmill.yml'), 'utf8'), join(site, 'feedmill.yml'));

for (const dryRun of [true, false]) {
  test(`${dryRun ? 'a dry run' : 'a run'} reads hugo.toml once for the time zone and the content warning`, async () => {
    let warnings: readonly string[] | undefined;
    const reads = await countingConfigReads(async () => {
      const report = await runSite(load(), { userAgent: 'feedmill/test', dryRun });
      assert.equal(report.feeds[0]?.status, 'ok', JSON.stringify(report.feeds[0]));
      warnings = report.warnings;
    });
    assert.equal(reads, 1);
    assert.ok(
      warnings?.some((warning) => warning.startsWith('Hugo 0.162 and later refuse HTML content files')),
      JSON.stringify(warnings),
    );
  });
}

test("the post's date is in the site's time zone, read from the same file", () => {
  const post = fs
    .readdirSync(join(site, 'content', 'posts', 'C'))
    .map((name) => readFileSync(join(site, 'content', 'posts', 'C', name), 'utf8'))[0];
  assert.match(post ?? '', /2026-11-30T18:00:00\+08:00/);
});
