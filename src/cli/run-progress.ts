import type { Subscription } from '../model.ts';
import type { FeedReport, RunReport } from '../pipeline/index.ts';
import { describeMovedFeed, summarize } from '../pipeline/index.ts';
import type { Output } from './output.ts';

/** How much `feedmill run` says while it works. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** Receives the run's events and prints them for a person (TTY) or a log (CI). */
export interface RunProgress {
  start(subscription: Subscription): void;
  done(report: FeedReport): void;
  /** Prints a line above the live status line (or plainly without a TTY). */
  note(text: string): void;
  /** Clears the live line and prints the closing summary. */
  finish(report: RunReport, options?: { dryRun?: boolean }): void;
}

// ANSI: carriage return + erase line (ECMA-48 EL), so the status line is redrawn in place.
const CLEAR_LINE = '\r\x1b[2K';

/**
 * A progress printer. On a TTY one status line (done/total, new posts, feeds in flight) is
 * redrawn in place and only failures (or every feed with --verbose) scroll above it; elsewhere
 * each feed gets one plain line, which reads well in CI logs.
 */
export function createRunProgress(output: Output, total: number, verbosity: Verbosity): RunProgress {
  const inFlight = new Set<string>();
  let finished = 0;
  let created = 0;
  let statusShown = false;
  const live = output.isTTY && verbosity !== 'quiet';

  const drawStatus = () => {
    const width = Math.max(40, output.columns ?? 80) - 1;
    const current = [...inFlight].join(', ');
    let line = `[${finished}/${total}] ${created} new${current ? ` · fetching ${current}` : ''}`;
    if ([...line].length > width) line = `${[...line].slice(0, width - 1).join('')}…`;
    output.out(`${CLEAR_LINE}${line}`);
    statusShown = true;
  };
  const printAbove = (text: string, stream: 'out' | 'err') => {
    if (statusShown) output.out(CLEAR_LINE);
    statusShown = false;
    output[stream](text);
  };

  return {
    start(subscription) {
      inFlight.add(subscription.name);
      if (live) drawStatus();
    },
    done(report) {
      inFlight.delete(report.name);
      finished++;
      if (report.status === 'ok') created += report.created;
      const lines = describeFeed(report, verbosity);
      if (report.status === 'failed') printAbove(lines, 'err');
      // A finished or resumed feed is news worth a line on a terminal too (once per run).
      else if (verbosity !== 'quiet' && (!live || verbosity === 'verbose' || isNotable(report)))
        printAbove(lines, 'out');
      if (live) drawStatus();
    },
    note(text) {
      printAbove(text, 'out');
    },
    finish(report, options = {}) {
      if (statusShown) output.out(CLEAR_LINE);
      statusShown = false;
      if (verbosity === 'quiet') return;
      for (const moved of report.moved ?? [])
        output.out(`moved   ${describeMovedFeed(moved, options.dryRun === true)}\n`);
      output.out(`${formatSummary(report, options.dryRun === true)}\n`);
    },
  };
}

/**
 * The closing line: new, updated, unchanged, not modified, failed (those not fetched included),
 * then the finished feeds (not failures), elapsed.
 */
export function formatSummary(report: RunReport, dryRun: boolean): string {
  const totals = summarize(report);
  const verb = dryRun ? 'dry run (nothing written)' : 'done';
  return (
    `${verb} in ${(report.elapsedMs / 1000).toFixed(1)} s: ${report.feeds.length} feeds, ` +
    `${totals.created} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
    `${totals.notModified} not modified, ${totals.failed} failed` +
    (totals.notFetched ? ` (${totals.notFetched} of them not fetched: backing off or gone)` : '') +
    (totals.finished ? `; ${totals.finished} finished (no more updates: checked once a day)` : '')
  );
}

/** A feed whose report a terminal shows even without --verbose: finished, or resumed. */
function isNotable(feed: FeedReport): boolean {
  return (
    feed.status !== 'failed' && (feed.finished === true || (feed.status === 'ok' && feed.resumed === true))
  );
}

/**
 * What a feed that says it is finished (JSON Feed `expired`) is told with: not a failure, its
 * posts kept, and when it is checked next (a feed read from a file: on every run). Plain text,
 * shared by the job summary.
 */
export function finishedDetail(feed: FeedReport & { status: 'ok' | 'not-modified' }): string {
  const next = feed.nextCheck
    ? `checked once a day, next after ${feed.nextCheck}${feed.status === 'not-modified' && feed.notFetched ? ' (feedmill run --retry checks it now)' : ''}`
    : 'read on every run';
  return `its feed says it will not be updated again; its posts stay; ${next}`;
}

/** Items whose article could not be used this run and kept their text (each is also a warning). */
export function fullTextFallbacks(feed: FeedReport & { status: 'ok' }): number {
  return feed.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('full-text-')).length;
}

/** One line per feed (plus its diagnostics when verbose), newline-terminated. */
export function describeFeed(feed: FeedReport, verbosity: Verbosity): string {
  switch (feed.status) {
    case 'ok': {
      const warnings = feed.diagnostics.length > 0 ? `, ${feed.diagnostics.length} warning(s)` : '';
      const partial = fullTextFallbacks(feed);
      const fullText = partial > 0 ? `, ${partial} full-text fallback(s)` : '';
      // Images that could not be copied into the site kept their remote URL (each is also a warning).
      const remote = feed.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('image-')).length;
      const images = remote > 0 ? `, ${remote} image(s) kept remote` : '';
      const counts = `${feed.created} new, ${feed.updated} updated, ${feed.unchanged} unchanged${fullText}${images}${warnings}`;
      const resumed = feed.resumed ? '; resumed: its feed no longer says it is finished' : '';
      let text = feed.finished
        ? finishedLine(feed, counts)
        : `ok      ${feed.name}: ${counts}${via(feed.instance)}${resumed}\n`;
      if (verbosity === 'verbose') {
        text += `        from ${feed.source}\n`;
        for (const diagnostic of feed.diagnostics)
          text += `        warning: ${diagnostic.message}${diagnostic.item ? ` (item ${diagnostic.item})` : ''} [${diagnostic.code}]\n`;
      }
      return text;
    }
    case 'not-modified':
      if (feed.finished)
        return `${finishedLine(feed, feed.notFetched ? 'not fetched this run' : 'not modified')}${verbosity === 'verbose' ? `        from ${feed.source}\n` : ''}`;
      return `same    ${feed.name}: not modified since the last run${via(feed.instance)}${verbosity === 'verbose' ? ` (${feed.source})` : ''}\n`;
    case 'failed': {
      const detail = failureDetail(feed);
      return `FAILED  ${feed.name}: ${feed.message} [${feed.code}]${detail ? ` (${detail})` : ''}\n`;
    }
  }
}

/** A finished feed's line: what this run did with it, then what being finished means. */
function finishedLine(feed: FeedReport & { status: 'ok' | 'not-modified' }, done: string): string {
  return `ended   ${feed.name}: finished; ${done}${via(feed.instance)}; ${finishedDetail(feed)}\n`;
}

/**
 * What a failing feed's report adds to its error: how long it has been failing, whether it
 * was fetched this run, and when it will be tried again. Plain text, shared by the job summary.
 */
export function failureDetail(feed: FeedReport & { status: 'failed' }): string {
  const parts: string[] = [];
  if (feed.failures !== undefined && feed.failures > 1) parts.push(`failing ${feed.failures} runs in a row`);
  if (feed.notFetched === 'gone')
    parts.push('not fetched: gone; remove it from feedmill.yml or change its url');
  else if (feed.notFetched === 'backoff')
    parts.push(
      `not fetched: backing off until ${feed.nextCheck ?? 'later'}; feedmill run --retry fetches it now`,
    );
  else if (feed.nextCheck) parts.push(`next try after ${feed.nextCheck}`);
  return parts.join('; ');
}

/** Which RSSHub instance served a route (its key already masked). */
function via(instance: string | undefined): string {
  return instance === undefined ? '' : ` (via ${instance})`;
}
