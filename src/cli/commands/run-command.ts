import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS } from '../../fetch/index.ts';
import { createPostWriter, type FeedReport, runSync, summarize } from '../../pipeline/index.ts';
import { readSiteConfig } from '../../render/hexo/index.ts';
import { instanceSecrets, redactingFetcher, toInstances } from '../../rsshub/index.ts';
import { openStore } from '../../store/index.ts';
import { prepareSubscriptions } from '../../subscriptions/index.ts';
import type { Output } from '../output.ts';
import { readVersion } from '../version.ts';

export const RUN_HELP = `Usage: feedmill run [--config PATH] [--json]

Fetches every feed in feedmill.yml and writes new or changed items as Hexo posts.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
      --json          print a machine-readable report instead of text
  -h, --help          show this help

Exit codes: 0 all feeds ok, 2 bad config or usage, 3 some feeds failed.

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
  // rsshub catalogue: one fetcher that masks instance keys; the catalogue is loaded once here.
  const fetcher = redactingFetcher(
    createFetcher({
      ...DEFAULT_FETCH_OPTIONS,
      userAgent: `feedmill/${readVersion()} (+https://github.com/feedmill/feedmill)`,
    }),
    instanceSecrets(toInstances(loaded.config.rsshub.instances)),
  );
  const { subscriptions, warnings } = await prepareSubscriptions(loaded, { fetcher, now: () => new Date() });
  for (const warning of warnings)
    output.err(`warning: ${warning.feed ? `${warning.feed}: ` : ''}${warning.message}\n`);
  const postsRoot = join(loaded.siteRoot, 'source', '_posts');
  const store = openStore(loaded.statePath);
  try {
    const report = await runSync(
      {
        subscriptions,
        site: readSiteConfig(loaded.siteRoot),
        concurrency: 8,
        onFeedDone: values.json ? undefined : (feed) => output.out(`${describeFeed(feed)}\n`),
      },
      {
        fetcher,
        store,
        writer: createPostWriter(postsRoot),
        exists: (relativePath) => existsSync(join(postsRoot, ...relativePath.split('/'))),
        now: () => new Date(),
      },
    );
    const totals = summarize(report);
    if (values.json) output.out(`${JSON.stringify({ ...report, totals }, null, 2)}\n`);
    else {
      output.out(
        `done in ${(report.elapsedMs / 1000).toFixed(1)} s: ${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
          `${totals.notModified} not modified, ${totals.failed} failed\n`,
      );
      for (const feed of report.feeds)
        if (feed.status === 'failed') output.err(`error: ${feed.name}: ${feed.message} [${feed.code}]\n`);
    }
    return totals.failed > 0 ? 3 : 0;
  } finally {
    store.close();
  }
}

function describeFeed(feed: FeedReport): string {
  switch (feed.status) {
    case 'ok': {
      const warnings = feed.diagnostics.length > 0 ? `, ${feed.diagnostics.length} warning(s)` : '';
      return `ok      ${feed.name}: ${feed.created} new, ${feed.updated} updated, ${feed.unchanged} unchanged${warnings}${via(feed.instance)}`;
    }
    case 'not-modified':
      return `same    ${feed.name}: not modified${via(feed.instance)}`;
    case 'failed':
      return `FAILED  ${feed.name}: ${feed.message}`;
  }
}

/** rsshub catalogue: which instance served an RSSHub route (key already redacted). */
function via(instance: string | undefined): string {
  return instance === undefined ? '' : ` (via ${instance})`;
}
