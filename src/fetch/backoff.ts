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
