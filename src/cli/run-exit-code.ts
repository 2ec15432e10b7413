import type { RunTotals } from '../pipeline/index.ts';

/**
 * feedmill's exit codes. A feed that is backing off, gone or waiting for its categories is
 * failing even though this run did not fetch it: its posts are not being written.
 */
export const EXIT_CODES = {
  /** Every feed ok, not modified or finished (or no feed selected). */
  ok: 0,
  /** Internal error, state database failure, or another run holds the site lock. */
  internal: 1,
  /** Bad configuration or usage. */
  usage: 2,
  /** The run finished; some feeds are failing, the others were written. */
  someFailing: 3,
  /** The run finished, but every selected feed is failing: nothing could be written. */
  allFailing: 4,
} as const;

/**
 * The exit code of a finished run. "Every feed failing" gets its own code because it is
 * usually one cause for all (no network, every RSSHub instance down) and a scheduled job
 * that tolerates 3 (publish what was written) should still stop and alert on it.
 */
export function runExitCode(totals: Pick<RunTotals, 'feeds' | 'failed'>): number {
  if (totals.failed === 0) return EXIT_CODES.ok;
  return totals.failed >= totals.feeds ? EXIT_CODES.allFailing : EXIT_CODES.someFailing;
}
