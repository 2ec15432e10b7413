import type { Diagnostic } from '../errors.ts';
import type { RepairReport } from './repair-site.ts';

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
      /** A permanent redirect moved the feed here; the store polls this URL from now on. */
      movedTo?: string;
    }
  | { name: string; status: 'not-modified'; source: string; instance?: string; movedTo?: string }
  | { name: string; status: 'failed'; code: string; message: string; nextCheck?: string }
  /** Not fetched: gone (410 earlier) or backing off until `nextCheck`. */
  | { name: string; status: 'skipped'; reason: 'gone' | 'backoff'; nextCheck?: string };

/** The whole run's outcome. */
export interface RunReport {
  feeds: FeedReport[];
  elapsedMs: number;
  /** What the start-of-run repair fixed (issue 5). */
  repair?: RepairReport;
  /** Posts deleted by retention in this run. */
  pruned?: number;
  /** Site-level warnings for the summary (e.g. too many posts for Hexo). */
  warnings?: string[];
  /** A dry run's plan: what a real run would write or delete. */
  plan?: PlannedChange[];
}

/** One file a dry run would touch, relative to `source/_posts`. */
export interface PlannedChange {
  kind: 'create' | 'update' | 'delete';
  path: string;
}

/** Totals across feeds, for the closing summary. */
export function summarize(report: RunReport) {
  const totals = { created: 0, updated: 0, unchanged: 0, notModified: 0, failed: 0, skipped: 0 };
  for (const feed of report.feeds) {
    if (feed.status === 'ok') {
      totals.created += feed.created;
      totals.updated += feed.updated;
      totals.unchanged += feed.unchanged;
    } else if (feed.status === 'not-modified') totals.notModified++;
    else if (feed.status === 'skipped') totals.skipped++;
    else totals.failed++;
  }
  return totals;
}
