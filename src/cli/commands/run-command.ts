import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS, type Fetcher } from '../../fetch/index.ts';
import {
  createPostWriter,
  type PostWriter,
  type RunReport,
  runSync,
  summarize,
} from '../../pipeline/index.ts';
import { readSiteConfig, type SiteOptions } from '../../render/hexo/index.ts';
import { instanceSecrets, redactingFetcher, toInstances } from '../../rsshub/index.ts';
import { openStore } from '../../store/index.ts';
import { prepareSubscriptions } from '../../subscriptions/index.ts';
import { openSnapshotStore } from '../open-snapshot-store.ts';
import type { Output } from '../output.ts';
import { createRunProgress, type Verbosity } from '../run-progress.ts';
import { selectFeeds } from '../select-feeds.ts';
import { readVersion } from '../version.ts';

export const RUN_HELP = `Usage: feedmill run [options]

Fetches every feed in feedmill.yml and writes new or changed items as Hexo posts.
On a terminal a live status line shows feeds done/total, new posts and the feeds in
flight; in a log (CI) each feed gets one plain line. A summary closes the run.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -f, --feed NAME     run only this feed (its name or URL); repeat for several
  -n, --dry-run       fetch and plan, print what would be written, write nothing
      --json          print a machine-readable report (JSON) instead of text
  -q, --quiet         print only errors
      --verbose       print every feed with its source and warnings
  -h, --help          show this help

Exit codes: 0 all feeds ok, 2 bad config or usage, 3 some feeds failed.

Examples:
  feedmill run
  feedmill run --config site/feedmill.yml --feed sina-finance
  feedmill run --dry-run --verbose
  feedmill run --json > report.json
`;

/** One run as the CLI, `watch` and the Hexo plugin ask for it. */
export interface RunRequest {
  configPath: string;
  feeds?: readonly string[];
  dryRun?: boolean;
  json?: boolean;
  verbosity?: Verbosity;
  /** Where posts go; default `<site>/source/_posts` (the Hexo plugin passes the site's source_dir). */
  postsRoot?: string;
  /** Site options; default read from the site's _config.yml. */
  site?: SiteOptions;
  /** Lets `watch` observe fetches (RSS hints, Retry-After) without a second request. */
  wrapFetcher?: (fetcher: Fetcher) => Fetcher;
}

/** Runs the pipeline with progress output; returns the report and the exit code. */
export async function executeRun(
  request: RunRequest,
  output: Output,
): Promise<{ report: RunReport; code: number }> {
  const verbosity = request.json ? 'quiet' : (request.verbosity ?? 'normal');
  const loaded = loadConfig(request.configPath);
  // One fetcher for the catalogue and the feeds; it masks RSSHub instance keys in errors.
  const fetcher = (request.wrapFetcher ?? ((inner: Fetcher) => inner))(
    redactingFetcher(
      createFetcher({
        ...DEFAULT_FETCH_OPTIONS,
        userAgent: `feedmill/${readVersion()} (+https://github.com/feedmill/feedmill)`,
      }),
      instanceSecrets(toInstances(loaded.config.rsshub.instances)),
    ),
  );
  const prepared = await prepareSubscriptions(loaded, { fetcher, now: () => new Date() });
  if (verbosity !== 'quiet') {
    for (const warning of prepared.warnings)
      output.err(`warning: ${warning.feed ? `${warning.feed}: ` : ''}${warning.message}\n`);
  }
  const subscriptions = selectFeeds(prepared.subscriptions, request.feeds ?? []);
  const postsRoot = request.postsRoot ?? join(loaded.siteRoot, 'source', '_posts');
  const store = request.dryRun ? openSnapshotStore(loaded.statePath) : openStore(loaded.statePath);
  const planned: Array<{ kind: 'create' | 'update'; path: string }> = [];
  const writer: PostWriter = request.dryRun
    ? {
        write: (relativePath) =>
          planned.push({
            kind: existsSync(join(postsRoot, ...relativePath.split('/'))) ? 'update' : 'create',
            path: relativePath,
          }),
      }
    : createPostWriter(postsRoot);
  const progress = createRunProgress(output, subscriptions.length, verbosity);
  try {
    const report = await runSync(
      {
        subscriptions,
        site: request.site ?? readSiteConfig(loaded.siteRoot),
        concurrency: 8,
        onFeedStart: (subscription) => progress.start(subscription),
        onFeedDone: (feed) => progress.done(feed),
      },
      {
        fetcher,
        store,
        writer,
        exists: (relativePath) => existsSync(join(postsRoot, ...relativePath.split('/'))),
        now: () => new Date(),
      },
    );
    const totals = summarize(report);
    if (request.json) {
      const extra = request.dryRun ? { dryRun: true, plan: planned } : {};
      output.out(`${JSON.stringify({ ...report, totals, ...extra }, null, 2)}\n`);
    } else {
      if (request.dryRun && verbosity !== 'quiet') {
        for (const write of planned) progress.note(`would ${write.kind} ${write.path}\n`);
      }
      progress.finish(report, { dryRun: request.dryRun === true });
      if (totals.failed > 0 && verbosity !== 'quiet')
        output.err(
          `${totals.failed} feed(s) failed (see the FAILED lines above); the others were ${request.dryRun ? 'planned' : 'written'}. ` +
            'Fix the feed URL or file, or run again later for network errors.\n',
        );
    }
    return { report, code: totals.failed > 0 ? 3 : 0 };
  } finally {
    store.close();
  }
}

/** `feedmill run`: the main job. Returns the exit code. */
export async function runCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      feed: { type: 'string', short: 'f', multiple: true },
      'dry-run': { type: 'boolean', short: 'n' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(RUN_HELP);
    return 0;
  }
  const { code } = await executeRun(
    {
      configPath: values.config,
      feeds: values.feed ?? [],
      dryRun: values['dry-run'] === true,
      json: values.json === true,
      verbosity: values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal',
    },
    output,
  );
  return code;
}
