/** What decides when a feed is checked next. */
export interface ScheduleInput {
  /** The configured interval (default 30 minutes). */
  intervalMinutes: number;
  /** RSS 2.0 `<ttl>`: minutes the channel may be cached; no check sooner. */
  ttlMinutes?: number;
  /** RSS 2.0 `<skipHours>`: hours (0-23, GMT) in which the feed asks not to be read. */
  skipHours?: readonly number[];
  /** RSS 2.0 `<skipDays>`: days (Monday…Sunday, GMT) in which the feed asks not to be read. */
  skipDays?: readonly string[];
  /** An HTTP Retry-After (RFC 9110 §10.2.3) from the last response: no check before it. */
  retryAfter?: Date;
  /**
   * Until when the last response is fresh by the server's word (RFC 9111 §4.2: Cache-Control
   * max-age or Expires, at most a day): no check before it, since the answer cannot change.
   */
  freshUntil?: Date;
  /** Failures in a row: each doubles the wait (up to 32×, at most a day). */
  consecutiveFailures: number;
  /**
   * A finished feed's next check, as the run or worker that read it decided (JSON Feed
   * `expired`: it will not be updated again, so it waits a day; a feed read from a file has
   * none): no check before it, whatever its interval, failures or hints.
   */
  finishedUntil?: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_BACKOFF = 24 * HOUR;
/** ±10% spreads feeds that share an interval, so they do not all fire in the same second. */
const JITTER = 0.1;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * When to check a feed next (pure): the interval or the feed's ttl, whichever is longer,
 * backed off after failures, jittered by `random` (0 ≤ r < 1), never before Retry-After, the
 * end of the last answer's HTTP freshness or a finished feed's next check, and moved out of the
 * feed's skipHours/skipDays.
 */
export function scheduleNextCheck(input: ScheduleInput, lastAttempt: Date, random: () => number): Date {
  let wait = Math.max(input.intervalMinutes, input.ttlMinutes ?? 0) * MINUTE;
  if (input.consecutiveFailures > 0)
    wait = Math.min(wait * 2 ** Math.min(input.consecutiveFailures, 5), Math.max(wait, MAX_BACKOFF));
  wait += (random() * 2 - 1) * JITTER * wait;
  let next = lastAttempt.getTime() + Math.max(MINUTE, wait);
  if (input.retryAfter && input.retryAfter.getTime() > next) next = input.retryAfter.getTime();
  if (input.freshUntil && input.freshUntil.getTime() > next) next = input.freshUntil.getTime();
  if (input.finishedUntil && input.finishedUntil.getTime() > next) next = input.finishedUntil.getTime();
  return new Date(skipBlockedHours(next, input.skipHours ?? [], input.skipDays ?? []));
}

/** Moves a time forward to the first whole GMT hour the feed does not ask to skip. */
function skipBlockedHours(time: number, skipHours: readonly number[], skipDays: readonly string[]): number {
  const hours = new Set(skipHours);
  const days = new Set(skipDays.map((day) => day.trim().toLowerCase()));
  // A feed that skips every hour of the week would never run: ignore such hints.
  if (hours.size >= 24 || days.size >= 7) return time;
  let next = time;
  for (let step = 0; step < 24 * 7; step++) {
    const date = new Date(next);
    if (!hours.has(date.getUTCHours()) && !days.has(DAYS[date.getUTCDay()]!)) return next;
    next = Math.floor(next / HOUR) * HOUR + HOUR;
  }
  return time;
}
