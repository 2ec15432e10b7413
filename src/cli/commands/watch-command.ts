import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, requireSqliteState } from '../../config/index.ts';
import { FeedmillError } from '../../errors.ts';
import type { Fetcher } from '../../fetch/index.ts';
import { describeHolder, inspectSiteLock } from '../../pipeline/index.ts';
import { selectOutputTarget } from '../../render/index.ts';
import { readFeedStatus, recordNextChecks } from '../../store/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { readFeedHints, type WatchHints, watchFeeds } from '../../watch/index.ts';
import type { Output } from '../output.ts';
import { executeRun } from './run-command.ts';

export const WATCH_HELP = `Usage: feedmill watch [--config PATH] [--generate] [--quiet|--verbose]

Keeps running and checks each feed on its own schedule: every interval_minutes (default
30; set it at the top of feedmill.yml or per feed), never sooner than the feed's RSS <ttl>,
outside its <skipHours>/<skipDays>, not before a Retry-After, with ±10% jitter and a
longer wait after failures. The schedule is kept in the state database (see feedmill
status), so a restart resumes it. While another run (a manual feedmill run) holds the
site lock, a cycle is skipped with a note and retried 30–60 s later. Ctrl-C (SIGINT) or
SIGTERM lets in-flight feeds finish their writes, then exits with code 0.

Options:
  -c, --config PATH      config file (default: ./feedmill.yml)
      --generate         run "hexo generate" (a Hugo site: "hugo") in the site after runs
                         that changed posts
      --debounce SECS    wait this long for more changes before generating (default 10)
  -q, --quiet            print only errors
      --verbose          print every feed with its source and warnings
  -h, --help             show this help

Examples:
  feedmill watch
  feedmill watch --generate --config site/feedmill.yml
`;

const DEFAULT_INTERVAL_MINUTES = 30;

/** `feedmill watch`. Returns the exit code once stopped by a signal. */
export async function watchCommand(argv: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c', default: 'feedmill.yml' },
      generate: { type: 'boolean' },
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
  const loaded = requireSqliteState(loadConfig(values.config), 'watch');
  const subscriptions = resolveSubscriptions(loaded);
  // A restart keeps the schedule an earlier watch recorded (Retry-After, backoff), so
  // restarting does not hit every feed at once.
  const stored = new Map(readFeedStatus(loaded.statePath).map((status) => [status.url, status.nextCheck]));
  const feeds = subscriptions.map((subscription, index) => {
    const nextCheck = stored.get(subscription.source);
    const firstCheck = nextCheck ? new Date(nextCheck) : undefined;
    return {
      name: subscription.name,
      intervalMinutes:
        loaded.config.feeds[index]?.interval_minutes ??
        loaded.config.interval_minutes ??
        DEFAULT_INTERVAL_MINUTES,
      ...(firstCheck && !Number.isNaN(firstCheck.getTime()) ? { firstCheck } : {}),
    };
  });
  const hugo = selectOutputTarget(loaded.config.generator, loaded.siteRoot).generator === 'hugo';
  const hexoBin = join(loaded.siteRoot, 'node_modules', '.bin', 'hexo');
  // Hugo is one binary on PATH (a failure to start it is reported like a failed build).
  const builder: Builder = hugo
    ? { command: 'hugo', args: ['--quiet'], label: 'hugo' }
    : // 16 pages at a time, as the scaffold builds: Hexo's default renders all pages at once.
      { command: hexoBin, args: ['generate', '--concurrency', '16', '--silent'], label: 'hexo generate' };
  if (values.generate && !hugo && !existsSync(hexoBin))
    throw new FeedmillError(
      'USAGE',
      `--generate needs Hexo in the site: ${hexoBin} is missing (run npm install in ${loaded.siteRoot})`,
      { path: hexoBin },
    );
  const verbosity = values.quiet ? 'quiet' : values.verbose ? 'verbose' : 'normal';

  const controller = new AbortController();
  let signals = 0;
  const stop = (name: string) => {
    signals++;
    if (signals > 1) {
      output.err(`${name} again: exiting now\n`);
      process.exit(130);
    }
    output.err(`${name}: finishing in-flight feeds, then exiting (send it again to exit at once)\n`);
    controller.abort();
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  if (verbosity !== 'quiet')
    output.out(`watching ${feeds.length} feed(s) from ${loaded.file}; Ctrl-C to stop\n`);
  try {
    await watchFeeds(
      feeds,
      {
        now: () => new Date(),
        sleep: (ms, signal) => sleep(ms, signal),
        random: Math.random,
        runFeeds: async (names) => {
          const hints = new Map<string, WatchHints>();
          const { report } = await executeRun(
            {
              configPath: loaded.file,
              feeds: names,
              verbosity,
              wrapFetcher: (fetcher) => observeFetches(fetcher, subscriptions, hints),
            },
            output,
          );
          return { feeds: report.feeds, hints };
        },
        ...(values.generate
          ? { generate: () => generateSite(builder, loaded.siteRoot, output, verbosity === 'quiet') }
          : {}),
        onLocked: ({ retryAt }) => {
          // A manual run holds the site: one line, and the watch goes on.
          const lock = inspectSiteLock(join(loaded.siteRoot, '.feedmill'));
          const holder = lock.verdict === 'free' ? 'another run (now finished)' : describeHolder(lock);
          const seconds = Math.round((retryAt.getTime() - Date.now()) / 1000);
          output.err(`skipped this cycle: the site lock is held by ${holder}; retrying in ${seconds} s\n`);
        },
        onCycle: ({ scheduled, next }) => {
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
  }
  if (verbosity !== 'quiet') output.out('stopped\n');
  return 0;
}

/** Wraps the fetcher to read RSS scheduling hints, Retry-After and HTTP freshness per feed. */
function observeFetches(
  fetcher: Fetcher,
  subscriptions: ReturnType<typeof resolveSubscriptions>,
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
    async fetch(location, validators) {
      const name = owner(location);
      const result = await fetcher.fetch(location, validators);
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The program that builds the site after a run. */
interface Builder {
  command: string;
  args: string[];
  label: string;
}

function generateSite(builder: Builder, siteRoot: string, output: Output, quiet: boolean): Promise<void> {
  const { label } = builder;
  if (!quiet) output.out(`${label}…\n`);
  return new Promise((resolve) => {
    const child = spawn(builder.command, builder.args, {
      cwd: siteRoot,
      // As `npm run` and `npx` do: themes and plugins may call `hexo` (Volantis runs `hexo -v`).
      env: {
        ...process.env,
        PATH: `${join(siteRoot, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      output.err(`error: ${label} could not start in ${siteRoot}: ${error.message}\n`);
      resolve();
    });
    child.on('close', (code) => {
      if (code !== 0)
        output.err(
          `error: ${label} failed in ${siteRoot} (exit ${code}); the posts are written, run it by hand to see why:\n${stderr}`,
        );
      else if (!quiet) output.out(`${label} done\n`);
      resolve();
    });
  });
}
