import type { Diagnostic } from '../errors.ts';

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
    }
  | { name: string; status: 'not-modified'; source: string; instance?: string }
  | { name: string; status: 'failed'; code: string; message: string };

/** The whole run's outcome. */
export interface RunReport {
  feeds: FeedReport[];
  elapsedMs: number;
}

/** Totals across feeds, for the closing summary. */
export function summarize(report: RunReport) {
  const totals = { created: 0, updated: 0, unchanged: 0, notModified: 0, failed: 0 };
  for (const feed of report.feeds) {
    if (feed.status === 'ok') {
      totals.created += feed.created;
      totals.updated += feed.updated;
      totals.unchanged += feed.unchanged;
    } else if (feed.status === 'not-modified') totals.notModified++;
    else totals.failed++;
  }
  return totals;
}
