import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import type { FeedReport, RunReport } from '../pipeline/index.ts';
import { redactSecrets } from '../rsshub/index.ts';
import {
  appendJobSummary,
  escapeMarkdownCell,
  formatFailedRunSummary,
  formatJobSummary,
  orderForSummary,
} from './job-summary.ts';

const ok = (name: string, created = 1): FeedReport => ({
  name,
  status: 'ok',
  created,
  updated: 2,
  unchanged: 3,
  source: 's',
  diagnostics: [],
});
const same: FeedReport = { name: 'same', status: 'not-modified', source: 's' };
const broken: FeedReport = {
  name: 'broken | feed',
  status: 'failed',
  code: 'PARSE_FAILED',
  message: 'line 1: `<rss>` expected\nfound <html> | *bold* [x](y) & \\',
  failures: 1,
};
const backingOff: FeedReport = {
  name: 'later',
  status: 'failed',
  code: 'FETCH_HTTP_STATUS',
  message: 'https://rss.example/x?key=s3cr_et answered 502',
  failures: 3,
  nextCheck: '2030-01-01T00:00:00.000Z',
  notFetched: 'backoff',
};
const report = (...feeds: FeedReport[]): RunReport => ({ feeds, elapsedMs: 1500 });

/** The table's body rows, split into cells on unescaped pipes (as GFM does). */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| feed ') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
}

test('header with the totals, then one row per feed with failing feeds first', () => {
  const markdown = formatJobSummary(report(ok('a', 4), same, broken, ok('b', 0), backingOff));
  assert.match(markdown, /^## feedmill run: 2 of 5 feeds failing\n\n/);
  assert.match(
    markdown,
    /4 new · 4 updated · 6 unchanged · 1 not modified · 2 failing \(1 not fetched: backing off or gone\) · 1\.5 s/,
  );
  assert.match(
    markdown,
    /\n\| feed \| status \| new \| updated \| cause \|\n\| --- \| --- \| ---: \| ---: \| --- \|\n/,
  );
  const table = rows(markdown);
  assert.deepEqual(
    table.map((cells) => [cells[0], cells[1]]),
    [
      ['broken \\| feed', '**failing**'],
      ['later', '**failing**'],
      ['a', 'ok'],
      ['b', 'ok'],
      ['same', 'not modified'],
    ],
  );
  assert.deepEqual(table[2], ['a', 'ok', '4', '2', '']);
  assert.equal(
    table.every((cells) => cells.length === 5),
    true,
    'no cell spills over',
  );
});

test('a cause is escaped: pipes, backticks, newlines and other Markdown stay literal', () => {
  const [row] = rows(formatJobSummary(report(broken)));
  assert.equal(
    row?.[4],
    '`PARSE_FAILED` line 1: \\`\\<rss\\>\\` expected<br>found \\<html\\> \\| \\*bold\\* \\[x\\](y) \\& \\\\',
  );
  assert.equal(escapeMarkdownCell('a\r\nb\rc\u0007d'), 'a<br>b<br>c d');
});

test('a feed in backoff shows its last error, its failures and when it is tried again', () => {
  const [row] = rows(
    formatJobSummary(report(backingOff), { redact: (text) => redactSecrets(text, ['s3cr_et']) }),
  );
  assert.equal(row?.[2], '–');
  assert.match(
    row?.[4] ?? '',
    /^`FETCH_HTTP_STATUS` https:\/\/rss\.example\/x\?key=\\\*\\\*\\\* answered 502 \(/,
  );
  assert.match(
    row?.[4] ?? '',
    /failing 3 runs in a row; not fetched: backing off until 2030-01-01T00:00:00\.000Z/,
  );
  assert.match(row?.[4] ?? '', /--retry/);
});

test('secrets are masked before escaping, so an escaped form cannot slip through', () => {
  const markdown = formatJobSummary(report(backingOff), {
    redact: (text) => redactSecrets(text, ['s3cr_et']),
  });
  assert.doesNotMatch(markdown, /s3cr/);
});

test('all feeds failing, all ok, none selected, dry run', () => {
  assert.match(formatJobSummary(report(broken)), /^## feedmill run: all 1 feeds failing/);
  assert.match(formatJobSummary(report(ok('a'), same)), /^## feedmill run: all 2 feeds ok/);
  const none = formatJobSummary(report());
  assert.match(none, /^## feedmill run: no feeds selected/);
  assert.doesNotMatch(none, /\| feed/);
  assert.match(
    formatJobSummary(report(ok('a')), { dryRun: true }),
    /^## feedmill run --dry-run \(nothing written\)/,
  );
});

test('orderForSummary keeps config order inside each group', () => {
  const order = orderForSummary([same, ok('a'), backingOff, ok('b'), broken]).map((feed) => feed.name);
  assert.deepEqual(order, ['later', 'broken | feed', 'a', 'b', 'same']);
});

test('sections are appended, never replacing what other steps wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedmill-summary-'));
  try {
    const path = join(dir, 'summary.md');
    writeFileSync(path, '# earlier step\n');
    appendJobSummary(path, formatJobSummary(report(ok('a'))));
    appendJobSummary(path, formatJobSummary(report(broken)));
    const text = readFileSync(path, 'utf8');
    assert.ok(text.startsWith('# earlier step\n## feedmill run: all 1 feeds ok'));
    assert.equal(text.match(/^## feedmill run/gm)?.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run that stops early gets a section with its error code and message', () => {
  const error = new FeedmillError('LOCKED', 'another run holds the site lock | pid 7', { feed: 'x' });
  assert.equal(
    formatFailedRunSummary(error),
    '## feedmill run: failed\n\n`LOCKED` x: another run holds the site lock \\| pid 7\n\n',
  );
  assert.match(formatFailedRunSummary(new Error('boom')), /^## feedmill run: failed\n\n`INTERNAL` boom\n/);
});

test('warnings follow the table as a list, escaped, at most ten', () => {
  const warnings = Array.from({ length: 12 }, (_unused, index) => `warning <${index}>`);
  const markdown = formatJobSummary({ ...report(ok('a')), warnings });
  assert.match(markdown, /\nWarnings:\n\n- warning \\<0\\>\n/);
  assert.equal(markdown.match(/^- warning/gm)?.length, 10);
  assert.match(markdown, /^- … and 2 more \(see the log\)$/m);
});
