import type { FeedLocation } from '../model.ts';

/** The first retry of a failing feed waits this long; each further failure doubles it. */
export const BACKOFF_BASE_MS = 5 * 60 * 1000;
/** No feed waits more than a day between attempts. */
export const BACKOFF_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * When a failing feed may be fetched again (pure): exponential backoff on the number of
 * consecutive failures, or the server's Retry-After when it is later; both capped at a day.
 */
export function nextCheckAfterFailure(consecutiveFailures: number, now: Date, retryAfterMs?: number): Date {
  const exponent = Math.max(0, Math.min(consecutiveFailures - 1, 20));
  const backoff = Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
  const wait = Math.min(Math.max(backoff, retryAfterMs ?? 0), BACKOFF_MAX_MS);
  return new Date(now.getTime() + wait);
}

/** Failures of feedmill's own side: fixing them needs no wait, so they never back off. */
const LOCAL_FAILURES: ReadonlySet<string> = new Set(['WRITE_FAILED', 'STATE_FAILED', 'INTERNAL']);

/**
 * Whether a failure backs off (pure). Only a remote source's failures do; a local one (disk
 * full, read-only state, an internal error, or any failure of a feed read from a file the user
 * is about to fix) is retried on the next run.
 */
export function backsOff(code: string, locations: readonly FeedLocation[]): boolean {
  return !LOCAL_FAILURES.has(code) && !locations.every((location) => location.kind === 'file');
}
