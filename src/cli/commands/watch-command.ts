import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadedConfig } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import type { Fetcher } from '../../fetch/index.ts';
import type { Subscription } from '../../model.ts';
import { describeHolder, inspectSiteLock } from '../../pipeline/index.ts';
import { selectOutputTarget } from '../../render/index.ts';
import { recordNextChecks } from '../../store/index.ts';
import { readFeedHints, type WatchHints, watchFeeds } from '../../watch/index.ts';
import type { Output } from '../output.ts';
import { reportError } from '../report-error.ts';
import { type Builder, DEFAULT_GENERATE_TIMEOUT_MINUTES, generateSite } from './generate-site.ts';
import { executeRun } from './run-command.ts';
import { followConfig } from './watch-config.ts';

export const WATCH_HELP = `Usage: feedmill watch [--config PATH] [--generate] [--quiet|--verbose]

Keeps running and checks each feed on its own schedule: every interval_minutes (default
30; set it at the top of feedmill.yml or per feed), never sooner than the feed's RSS <ttl>,
outside its <skipHours>/<skipDays>, not before a Retry-After, with ±10% jitter and a
longer wait after failures; a feed that says it will not be updated again (JSON Feed
"expired", a podcast's <itunes:complete>Yes) once a day, until an answer no longer says
so. The schedule is kept in the state database (see feedmill status), so a restart
resumes it. While another run (a manual feedmill run) holds the site lock, a cycle is
skipped with a note and retried 30–60 s later. A cycle that fails
as a whole (the state database unwritable or damaged, the site folder unwritable) is
reported and tried again after 1 min, doubling up to 30 min; the watch goes on.

feedmill.yml is read again within a minute of an edit (at once on SIGHUP): added feeds
are checked at once, removed ones dropped. An edit that is not a valid config is
reported once and ignored: the watch goes on with the last valid config.

Ctrl-C (SIGINT) or SIGTERM: no further feed starts, the feeds in flight finish their
writes, then it exits with code 0 (the feeds not reached are checked first next time).
A second SIGINT or SIGTERM exits at once with 130 or 143 (the next run repairs any
write it cut short).

Options:
  -c, --config PATH      config file (default: ./feedmill.yml)
      --generate         run "hexo generate" (a Hugo site: "hugo") in the site after runs
                         that changed posts
      --debounce SECS    wait this long for more changes before generating (default 10)
      --generate-timeout MINUTES
                         stop a build that runs longer (default 60); the watch goes on
  -q, --quiet            print only errors
      --verbose          print every feed with its source and warnings
  -h, --help             show this help

Examples:
  feedmill watch
  feedmill watch --generate --config site/feedmill.yml
`;

/** `feedmill watch`. Returns the exit code once stopped by a signal. */
export async function watchCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      generate: { type: 'boolean' },
      'generate-timeout': { type: 'string', default: String(DEFAULT_GENERATE_TIMEOUT_MINUTES) },
      debounce: { type: 'string', default: '10' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    output.out(WATCH_HELP);
    return 0;
  }
  const debounceSeconds = Number(values.debounce);
  if (!Number.isFinite(debounceSeconds) || debounceSeconds < 0)
    throw new FeedmillError('USAGE', `--debounce ${values.debounce} is not a number of seconds`);
  const generateTimeoutMinutes = Number(values['generate-timeout']);
  if (!Number.isFinite(generateTimeoutMinutes) || generateTimeoutMinutes <= 0)
    throw new FeedmillError(
      'USAGE',
      `--generate-timeout ${values['generate-timeout']} is not a number of minutes`,
    );
  const verbosity = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';
  // The config is read again while watching: a valid edit takes effect at the next look at the
  // schedule (within a minute, or at once on SIGHUP); an invalid one is reported and ignored.
  const config = followConfig(values.config, {
    onReloaded: ({ added, removed, feeds }) => {
      if (verbosity === 'quiet') return;
      const changes = [
        ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
        ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
      ];
      output.out(
        `config changed: watching ${feeds} feed(s)${changes.length > 0 ? ` (${changes.join('; ')})` : ''}\n`,
      );
    },
    onRejected: (error) => {
      reportError(error, output);
      output.err('the edit is ignored: still watching with the last valid config\n');
    },
  });
  const started = config.current();
  if (values.generate) builderOf(started.loaded);
  const controller = new AbortController();
  // SIGHUP (the daemons' "read your config again") wakes the sleep, so the config is read now.
  let wake = new AbortController();
  let signals = 0;
  const stop = (name: 'SIGINT' | 'SIGTERM') => {
    signals++;
    if (signals > 1) {
      output.err(`${name} again: exiting now\n`);
      // As a shell reports a process a signal ended: 128 + its number (130, 143).
      process.exit(128 + osConstants.signals[name]);
    }
    output.err(
      `${name}: finishing the feeds in flight (no new one starts), then exiting (send it again to exit at once)\n`,
    );
    controller.abort();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  const onHup = () => {
    if (verbosity !== 'quiet') output.err('SIGHUP: reading the config again\n');
    wake.abort();
    wake = new AbortController();
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  if (verbosity !== 'quiet')
    output.out(`watching ${started.feeds.length} feed(s) from ${started.loaded.file}; Ctrl-C to stop\n`);
  try {
    await watchFeeds(
      started.feeds,
      {
        now: () => new Date(),
        sleep: (ms, signal) => sleep(ms, [signal, wake.signal]),
        random: Math.random,
        currentFeeds: () => config.current().feeds,
        runFeeds: async (names, signal) => {
          // The config the schedule was just looked at with (currentFeeds read it).
          const { loaded, subscriptions } = config.latest();
          const hints = new Map<string, WatchHints>();
          const { report } = await executeRun(
            {
              configPath: loaded.file,
              loaded,
              feeds: names,
              verbosity,
              signal,
              wrapFetcher: (fetcher) => observeFetches(fetcher, subscriptions, hints),
            },
            output,
          );
          return { feeds: report.feeds, hints };
        },
        ...(values.generate
          ? {
              generate: async () => {
                const { loaded } = config.latest();
                let builder: Builder;
                try {
                  builder = builderOf(loaded);
                } catch (error) {
                  // Hexo removed from the site while watching: the posts are written; say so.
                  output.err(`error: ${(error as Error).message}; the site was not generated\n`);
                  return;
                }
                await generateSite(builder, loaded.siteRoot, output, {
                  quiet: verbosity === 'quiet',
                  timeoutMs: generateTimeoutMinutes * 60_000,
                });
              },
            }
          : {}),
        onLocked: ({ retryAt }) => {
          // A manual run holds the site: one line, and the watch goes on.
          const lock = inspectSiteLock(join(config.latest().loaded.siteRoot, '.feedmill'));
          const holder = lock.verdict === 'free' ? 'another run (now finished)' : describeHolder(lock);
          const seconds = Math.round((retryAt.getTime() - Date.now()) / 1000);
          output.err(`skipped this cycle: the site lock is held by ${holder}; retrying in ${seconds} s\n`);
        },
        onCycleFailed: ({ error, retryAt }) => {
          // Nothing of the cycle was committed past what the journal repairs: say why, go on.
          reportError(error, output);
          const seconds = Math.round((retryAt.getTime() - Date.now()) / 1000);
          output.err(`the watch goes on: trying these feeds again in ${seconds} s\n`);
        },
        onCycle: ({ scheduled, next }) => {
          const { loaded, subscriptions } = config.latest();
          const byAddress = new Map<string, Date>();
          for (const [name, at] of scheduled) {
            const subscription = subscriptions.find((candidate) => candidate.name === name);
            if (subscription) byAddress.set(subscription.source, at);
          }
          try {
            recordNextChecks(loaded.statePath, byAddress);
          } catch (error) {
            // Only `feedmill status` reads it: say so and keep watching.
            output.err(`warning: ${(error as Error).message}\n`);
          }
          if (verbosity !== 'quiet' && next) output.out(`next check at ${next.toISOString()}\n`);
        },
      },
      controller.signal,
      debounceSeconds * 1000,
    );
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  }
  if (verbosity !== 'quiet') output.out('stopped\n');
  return 0;
}

/**
 * The program that builds the site after a run: Hugo is one binary on PATH (a failure to start
 * it is reported like a failed build); Hexo must be installed in the site.
 */
function builderOf(loaded: LoadedConfig): Builder {
  if (selectOutputTarget(loaded.config.generator, loaded.siteRoot).generator === 'hugo')
    return { command: 'hugo', args: ['--quiet'], label: 'hugo' };
  const hexoBin = join(loaded.siteRoot, 'node_modules', '.bin', 'hexo');
  if (!existsSync(hexoBin))
    throw new FeedmillError(
      'USAGE',
      `--generate needs Hexo in the site: ${hexoBin} is missing (run npm install in ${loaded.siteRoot})`,
      { path: hexoBin },
    );
  // 16 pages at a time, as the scaffold builds: Hexo's default renders all pages at once.
  return { command: hexoBin, args: ['generate', '--concurrency', '16', '--silent'], label: 'hexo generate' };
}

/** Wraps the fetcher to read RSS scheduling hints, Retry-After and HTTP freshness per feed. */
function observeFetches(
  fetcher: Fetcher,
  subscriptions: readonly Subscription[],
  hints: Map<string, WatchHints>,
): Fetcher {
  const owner = (location: Parameters<Fetcher['fetch']>[0]) =>
    subscriptions.find((subscription) =>
      subscription.locations.some((candidate) =>
        candidate.kind === 'http' && location.kind === 'http'
          ? candidate.url === location.url
          : candidate.kind === 'file' && location.kind === 'file' && candidate.path === location.path,
      ),
    )?.name;
  return {
    async fetch(location, validators, request) {
      const name = owner(location);
      const result = await fetcher.fetch(location, validators, request);
      const freshUntil =
        (result.kind === 'fetched' || result.kind === 'not-modified') && result.freshForMs !== undefined
          ? { freshUntil: new Date(Date.now() + result.freshForMs) }
          : {};
      if (name && result.kind === 'fetched')
        hints.set(name, { ...readFeedHints(result.body), ...freshUntil });
      // A 304 freshens the stored answer with its own Cache-Control or Expires (RFC 9111 §4.3.4).
      if (name && result.kind === 'not-modified') hints.set(name, freshUntil);
      // 429/503 with Retry-After (RFC 9110 §10.2.3): the fetch stage hands it over as a delay.
      if (name && result.kind === 'retry-later' && result.retryAfterMs !== undefined) {
        hints.set(name, { retryAfter: new Date(Date.now() + result.retryAfterMs) });
      }
      return result;
    },
    close: () => fetcher.close?.(),
  };
}

/** Waits `ms`, or until one of the signals aborts. */
function sleep(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((signal) => signal.aborted)) return resolve();
    const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
    function done() {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', done);
      resolve();
    }
    for (const signal of signals) signal.addEventListener('abort', done, { once: true });
  });
}
