import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { type FeedReport, runSite, summarize } from '../../pipeline/index.ts';
import type { Output } from '../output.ts';
import { readVersion } from '../version.ts';

export const RUN_HELP = `Usage: feedmill run [--config PATH] [--json]

Fetches every feed in feedmill.yml and writes new or changed items as Hexo posts.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --json          print a machine-readable report instead of text
  -h, --help          show this help

Exit codes: 0 all feeds ok, 1 internal error or another run holds the site lock (LOCKED),
2 bad config or usage, 3 some feeds failed.

Examples:
  feedmill run
  feedmill run --config site/feedmill.yml
`;

/** `feedmill run`: the main job. Returns the exit code. */
export async function runCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(RUN_HELP);
    return 0;
  }
  const loaded = loadConfig(values.config);
  // issue 5: lock, repair, fetch limits and retention live in runSite.
  const report = await runSite(loaded, {
    userAgent: `feedmill/${readVersion()} (+https://github.com/feedmill/feedmill)`,
    onFeedDone: values.json ? undefined : (feed) => output.out(`${describeFeed(feed)}\n`),
  });
  const totals = summarize(report);
  if (values.json) output.out(`${JSON.stringify({ ...report, totals }, null, 2)}\n`);
  else {
    output.out(
      `done in ${(report.elapsedMs / 1000).toFixed(1)} s: ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
        `${totals.notModified} not modified, ${totals.skipped} skipped, ${totals.failed} failed` +
        `${report.pruned ? `, ${report.pruned} pruned` : ''}\n`,
    );
    const repair = report.repair;
    if (repair && repair.adopted + repair.dropped + repair.temporaryFilesRemoved + repair.missing > 0) {
      output.out(
        `repaired an interrupted run: ${repair.adopted} post(s) adopted, ${repair.dropped} to rewrite, ` +
          `${repair.temporaryFilesRemoved} temporary file(s) removed, ${repair.missing} missing post(s) to rewrite\n`,
      );
    }
    for (const feed of report.feeds) {
      if (feed.status === 'failed') output.err(`error: ${feed.name}: ${feed.message} [${feed.code}]\n`);
      if ((feed.status === 'ok' || feed.status === 'not-modified') && feed.movedTo) {
        output.err(
          `note: ${feed.name} moved permanently to ${feed.movedTo}; update its url in feedmill.yml\n`,
        );
      }
    }
    for (const warning of report.warnings ?? []) output.err(`warning: ${warning}\n`);
  }
  return totals.failed > 0 ? 3 : 0;
}

function describeFeed(feed: FeedReport): string {
  switch (feed.status) {
    case 'ok': {
      const warnings = feed.diagnostics.length > 0 ? `, ${feed.diagnostics.length} warning(s)` : '';
      return `ok      ${feed.name}: ${feed.created} new, ${feed.updated} updated, ${feed.unchanged} unchanged${warnings}`;
    }
    case 'not-modified':
      return `same    ${feed.name}: not modified`;
    case 'failed':
      return `FAILED  ${feed.name}: ${feed.message}`;
    case 'skipped':
      return feed.reason === 'gone'
        ? `skip    ${feed.name}: gone (HTTP 410)`
        : `skip    ${feed.name}: backing off until ${feed.nextCheck}`;
  }
}
