import type { Diagnostic } from '../errors.ts';
import type { ItemVerdict } from '../process/index.ts';
import type { MovedFeed } from '../store/index.ts';
import type { RepairReport } from './repair-site.ts';
import type { BuildCost } from './site-size-estimate.ts';

/** What happened to one feed in a run. */
export type FeedReport =
  | {
      name: string;
      status: 'ok';
      created: number;
      updated: number;
      unchanged: number;
      source: string;
      /** The RSSHub instance that served the feed (key redacted). */
      instance?: string;
      diagnostics: Diagnostic[];
      /** What the feed's filter kept and dropped, item by item, and why (a dry run lists them). */
      filtered?: ItemVerdict[];
      /** A permanent redirect moved the feed here; the store polls this URL from now on. */
      movedTo?: string;
      /**
       * The feed says it is finished (JSON Feed `expired: true`): it will never be updated
       * again. Not a failure: its posts stay, and it is checked again at `nextCheck` (a day
       * later; none for a feed read from a file, which is read on every run).
       */
      finished?: true;
      nextCheck?: string;
      /** The feed had said it was finished and no longer does: it is polled as usual again. */
      resumed?: true;
    }
  | {
      name: string;
      status: 'not-modified';
      source: string;
      instance?: string;
      movedTo?: string;
      /** The feed says it is finished (JSON Feed `expired`), checked again at `nextCheck`. */
      finished?: true;
      nextCheck?: string;
      /**
       * Not fetched in this run: a finished feed waits for its daily check (`feedmill run
       * --retry` checks it now); `source` is then the address it is polled at.
       */
      notFetched?: 'finished';
    }
  | {
      name: string;
      status: 'failed';
      code: string;
      message: string;
      /** When the feed is fetched again (backoff, Retry-After); absent: on the next run. */
      nextCheck?: string;
      /** Failures in a row so far, this run's included. */
      failures?: number;
      /**
       * Why it was not fetched in this run, though still failing: `backoff` (earlier failures;
       * `code` and `message` are the last error's) or `gone` (a 410 earlier).
       */
      notFetched?: 'backoff' | 'gone';
      /** The feed had said it is finished: its next check is never sooner than its daily one. */
      finished?: true;
    };

/** The whole run's outcome. */
export interface RunReport {
  feeds: FeedReport[];
  elapsedMs: number;
  /** What the start-of-run repair fixed (interrupted writes, stale journal rows). */
  repair?: RepairReport;
  /**
   * Named feeds whose url was edited in the config, moved to it with their posts before the run
   * fetched anything (a dry run reports them and changes nothing).
   */
  moved?: MovedFeed[];
  /** Posts deleted by retention in this run. */
  pruned?: number;
  /** Site-level warnings for the summary (e.g. too many posts for Hexo). */
  warnings?: string[];
  /** A Hexo site's post count after the run and its next `hexo generate`'s estimated cost. */
  hexoBuild?: BuildCost;
  /** A dry run's plan: what a real run would write or delete. */
  plan?: PlannedChange[];
}

/** One file a dry run would touch, relative to the posts folder. */
export interface PlannedChange {
  kind: 'create' | 'update' | 'delete';
  path: string;
}

/**
 * Totals across feeds: `failed` counts every failing feed, `notFetched` those of them not
 * fetched this run; `finished` the feeds, not failing, that say they will not be updated again
 * (counted under `notModified` too when not fetched or answering 304).
 */
export interface RunTotals {
  feeds: number;
  created: number;
  updated: number;
  unchanged: number;
  notModified: number;
  failed: number;
  notFetched: number;
  finished: number;
}

/** Totals across feeds, for the closing summary and the exit code. */
export function summarize(report: RunReport): RunTotals {
  const totals: RunTotals = {
    feeds: report.feeds.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    notModified: 0,
    failed: 0,
    notFetched: 0,
    finished: 0,
  };
  for (const feed of report.feeds) {
    if (feed.status !== 'failed' && feed.finished) totals.finished++;
    if (feed.status === 'ok') {
      totals.created += feed.created;
      totals.updated += feed.updated;
      totals.unchanged += feed.unchanged;
    } else if (feed.status === 'not-modified') totals.notModified++;
    else {
      totals.failed++;
      if (feed.notFetched) totals.notFetched++;
    }
  }
  return totals;
}
