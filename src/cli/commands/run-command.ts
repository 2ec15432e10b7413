import { parseArgs } from 'node:util';
import { type LoadedConfig, loadConfigCached, requireSqliteState } from '../../config/index.ts';
import type { Fetcher } from '../../fetch/index.ts';
import { describeHexoBuild, type RunReport, runSite, summarize } from '../../pipeline/index.ts';
import type { SiteOptions } from '../../render/index.ts';
import {
  describeCooldown,
  type InstanceHealth,
  type InstanceHealthStore,
  instanceHealthFetcher,
  instanceHealthOptionsOf,
  instanceSecrets,
  openInstanceHealthStore,
  redactingFetcher,
  redactOutgoing,
  toInstances,
} from '../../rsshub/index.ts';
import { prepareSubscriptions } from '../../subscriptions/index.ts';
import { appendJobSummary, formatFailedRunSummary, formatJobSummary } from '../job-summary.ts';
import { maskMessage } from '../mask-message.ts';
import type { Output } from '../output.ts';
import { runExitCode } from '../run-exit-code.ts';
import { createRunProgress, type Verbosity } from '../run-progress.ts';
import { selectFeeds } from '../select-feeds.ts';
import { userAgent } from '../version.ts';

export const RUN_HELP = `Usage: feedmill run [options]

Fetches every feed in feedmill.yml and writes new or changed items as Hexo posts.
On a terminal a live status line shows feeds done/total, new posts and the feeds in
flight; in a log (CI) each feed gets one plain line. A summary closes the run.

Options:
  -c, --config PATH   config file (default: ./feedmill.yml)
  -f, --feed NAME     run only this feed (its name or URL); repeat for several
  -n, --dry-run       fetch and plan, print what would be written, write nothing
      --retry         fetch feeds waiting for their next check now (backing off after
                      failures, or finished), not later
      --json          print a machine-readable report (JSON) instead of text
  -q, --quiet         print only errors
      --verbose       print every feed with its source and warnings
  -h, --help          show this help

A feed whose fetch failed waits (5 min, doubling up to a day; --retry skips the wait) before
it is fetched again; until it works it is listed as FAILED in every run with its last error,
as are gone (HTTP 410) feeds and RSSHub routes waiting for the catalogue to give their
categories (CATEGORIES_UNRESOLVED: they are written once it loads, or set categories:).
A feed that says it will not be updated again (JSON Feed "expired": true, a podcast's
<itunes:complete>Yes) is not failing: its posts stay, it is listed as "ended ... finished"
in every run and fetched once a day, and the first answer that no longer says so puts it
back on the normal schedule. In GitHub Actions (GITHUB_STEP_SUMMARY set) a Markdown table
of the feeds is appended to the job summary.

Exit codes: 0 every feed ok, not modified or finished; 1 internal error, state database
failure or another run holds the site lock (LOCKED); 2 bad config or usage; 3 some feeds
failing (backing off, gone and waiting ones included), the others written; 4 every feed
failing.

Examples:
  feedmill run
  feedmill run --config site/feedmill.yml --feed sina-finance
  feedmill run --dry-run --verbose
  feedmill run --retry --feed sina-finance
  feedmill run --json > report.json
`;

/** One run as the CLI, `watch` and the Hexo plugin ask for it. */
export interface RunRequest {
  configPath: string;
  feeds?: readonly string[];
  dryRun?: boolean;
  /** Fetch feeds backing off from earlier failures now. */
  retry?: boolean;
  json?: boolean;
  verbosity?: Verbosity;
  /** A file to append a Markdown job summary to (GitHub Actions' GITHUB_STEP_SUMMARY). */
  jobSummaryPath?: string;
  /** Where posts go; default the site's posts folder (the Hexo plugin passes the site's source_dir). */
  postsRoot?: string;
  /** Site options over those read from the site's config. */
  site?: SiteOptions;
  /** Lets `watch` observe fetches (RSS hints, Retry-After) without a second request. */
  wrapFetcher?: (fetcher: Fetcher) => Fetcher;
  /** The config already loaded and validated (`watch` keeps the last valid one); default read configPath. */
  loaded?: LoadedConfig;
  /** A stop: no further feed starts once it aborts; the feeds in flight finish. */
  signal?: AbortSignal;
}

/** Runs the pipeline with progress output; returns the report and the exit code. */
export async function executeRun(
  request: RunRequest,
  output: Output,
): Promise<{ report: RunReport; code: number }> {
  const verbosity = request.json ? 'quiet' : (request.verbosity ?? 'normal');
  const loaded = requireSqliteState(request.loaded ?? (await loadConfigCached(request.configPath)), 'run');
  const secrets = instanceSecrets(toInstances(loaded.config.rsshub.instances));
  let progress: ReturnType<typeof createRunProgress> | undefined;
  // Problems met resolving the feeds (no catalogue, an unknown route), for the job summary too.
  const resolveWarnings: string[] = [];
  // An instance that starts a cool-down is worth a warning in the log and the job summary.
  const cooled: string[] = [];
  const health = runInstanceHealth(loaded, request.dryRun === true, (instance) =>
    cooled.push(describeCooldown(instance)),
  );
  // Lock, repair, fetch limits, retention and the dry-run snapshot live in runSite.
  const report = await runSite(loaded, {
    userAgent: userAgent(),
    // Keys of RSSHub instances are masked in every error and report; cooling instances are
    // skipped and each instance's failures recorded (after masking: no key reaches the state).
    wrapFetcher: (fetcher) =>
      (request.wrapFetcher ?? ((inner: Fetcher) => inner))(
        health.wrap(redactingFetcher(fetcher, secrets, loaded.urlEnv)),
      ),
    prepare: async (fetcher) => {
      const prepared = await prepareSubscriptions(loaded, {
        fetcher,
        now: () => new Date(),
        readOnly: request.dryRun === true,
      });
      for (const warning of prepared.warnings)
        resolveWarnings.push(`${warning.feed ? `${warning.feed}: ` : ''}${warning.message}`);
      if (verbosity !== 'quiet') {
        for (const warning of resolveWarnings) output.err(`warning: ${warning}\n`);
      }
      const subscriptions = selectFeeds(prepared.subscriptions, request.feeds ?? []);
      progress = createRunProgress(output, subscriptions.length, verbosity);
      return subscriptions;
    },
    ...(request.postsRoot ? { postsRoot: request.postsRoot } : {}),
    ...(request.site ? { site: request.site } : {}),
    dryRun: request.dryRun === true,
    retry: request.retry === true,
    ...(request.signal ? { signal: request.signal } : {}),
    onFeedStart: (subscription) => progress?.start(subscription),
    onFeedDone: (feed) => progress?.done(feed),
  }).finally(() => health.close());
  resolveWarnings.push(...cooled);
  if (verbosity !== 'quiet') for (const warning of cooled) output.err(`warning: ${warning}\n`);
  const totals = summarize(report);
  if (request.jobSummaryPath) {
    const warnings = [...resolveWarnings, ...(report.warnings ?? [])];
    const markdown = formatJobSummary(warnings.length > 0 ? { ...report, warnings } : report, {
      dryRun: request.dryRun === true,
      redact: (text) => redactOutgoing(text, secrets, loaded.urlEnv),
    });
    try {
      appendJobSummary(request.jobSummaryPath, markdown);
    } catch (error) {
      output.err(
        `warning: cannot append the job summary to ${request.jobSummaryPath}: ${(error as Error).message}\n`,
      );
    }
  }
  if (request.json) {
    const extra = request.dryRun ? { dryRun: true } : {};
    output.out(`${JSON.stringify({ ...report, totals, ...extra }, null, 2)}\n`);
  } else {
    if (request.dryRun && verbosity !== 'quiet') {
      for (const change of report.plan ?? []) progress?.note(`would ${change.kind} ${change.path}\n`);
      // What each feed's filter keeps and drops, and the rule that decided.
      for (const feed of report.feeds) {
        if (feed.status !== 'ok') continue;
        for (const verdict of feed.filtered ?? [])
          progress?.note(
            `filter ${feed.name}: ${verdict.kept ? 'keeps' : 'drops'} "${verdict.title}" (${verdict.reason})\n`,
          );
      }
    }
    progress?.finish(report, { dryRun: request.dryRun === true });
    if (verbosity !== 'quiet') printSiteNotes(report, output);
    if (totals.failed > 0 && verbosity !== 'quiet')
      output.err(
        `${totals.failed} feed(s) failing (see the FAILED lines above); ${totals.failed < totals.feeds ? `the others were ${request.dryRun ? 'planned' : 'written'}` : 'nothing was written'}. ` +
          `Fix the feed URL or file, or run again later for network errors${totals.notFetched > 0 ? ' (--retry fetches feeds that are backing off now)' : ''}.\n`,
      );
  }
  return { report, code: runExitCode(totals) };
}

/**
 * The run's RSSHub instance health: the state is opened when the run's fetcher is made (after
 * the run opened, and if need be created, the database); a dry run reads it and changes nothing.
 */
function runInstanceHealth(
  loaded: LoadedConfig,
  dryRun: boolean,
  onCooldown: (health: InstanceHealth) => void,
): { wrap: (fetcher: Fetcher) => Fetcher; close: () => void } {
  const { rsshub } = loaded.config;
  let store: InstanceHealthStore | undefined;
  return {
    wrap(fetcher) {
      store = openInstanceHealthStore(loaded.statePath, { readOnly: dryRun });
      return instanceHealthFetcher(
        fetcher,
        instanceHealthOptionsOf(rsshub, { store, now: () => new Date(), onCooldown }),
      );
    },
    close: () => store?.close(),
  };
}

/** What the run did besides the feeds: repairs, moved feeds, site warnings. */
function printSiteNotes(report: RunReport, output: Output): void {
  const repair = report.repair;
  if (repair && repair.adopted + repair.dropped + repair.temporaryFilesRemoved + repair.missing > 0) {
    output.out(
      `repaired an interrupted run: ${repair.adopted} post(s) adopted, ${repair.dropped} to rewrite, ` +
        `${repair.temporaryFilesRemoved} temporary file(s) removed, ${repair.missing} missing post(s) to rewrite\n`,
    );
  }
  if (report.pruned) output.out(`pruned ${report.pruned} post(s) beyond the keep: policy\n`);
  // From a thousand posts on, the site's build costs more than the run: say how much.
  if (report.hexoBuild && report.hexoBuild.posts >= 1000)
    output.out(`site: ${describeHexoBuild(report.hexoBuild.posts, report.hexoBuild)}\n`);
  for (const feed of report.feeds) {
    if ((feed.status === 'ok' || feed.status === 'not-modified') && feed.movedTo) {
      output.err(`note: ${feed.name} moved permanently to ${feed.movedTo}; update its url in feedmill.yml\n`);
    }
  }
  for (const warning of report.warnings ?? []) output.err(`warning: ${warning}\n`);
}

/** `feedmill run`: the main job. Returns the exit code. */
/** The file GitHub Actions names for the job summary (Markdown shown on the run's page), if any. */
export function jobSummaryPathOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_STEP_SUMMARY?.trim() || undefined;
}

export async function runCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      feed: { type: 'string', short: 'f', multiple: true },
      'dry-run': { type: 'boolean', short: 'n' },
      retry: { type: 'boolean' },
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
  const jobSummaryPath = jobSummaryPathOf();
  try {
    const { code } = await executeRun(
      {
        configPath: values.config,
        feeds: values.feed ?? [],
        dryRun: values['dry-run'] === true,
        retry: values.retry === true,
        json: values.json === true,
        verbosity: values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal',
        ...(jobSummaryPath ? { jobSummaryPath } : {}),
      },
      output,
    );
    return code;
  } catch (error) {
    // A run that stops early is still on the job's page; main prints it and sets the exit code.
    if (jobSummaryPath) {
      try {
        // The config may not have loaded: keys are masked by their parameter name, passwords by place.
        appendJobSummary(jobSummaryPath, formatFailedRunSummary(error, { redact: maskMessage }));
      } catch {
        // The error itself matters more than the summary: main reports it.
      }
    }
    throw error;
  }
}
