import type { FeedLocation } from '../model.ts';

/**
 * How long a finished feed waits between checks. JSON Feed 1.1's `expired: true` says the feed
 * is finished and will never be updated again (a podcast's `<itunes:complete>Yes` says the
 * same): fetching it on every run or every interval only costs its server, yet it is still
 * checked once a day, because a publisher may start it again; the first check that finds the
 * flag gone or false puts the feed back on its normal schedule.
 */
export const FINISHED_CHECK_MS = 24 * 60 * 60 * 1000;

/**
 * When a feed that says it is finished is checked next (pure): a day after `now`. A feed read
 * only from files has no next check (undefined): reading a file costs no server anything and
 * the user may edit it at any moment, as `backsOff` does not delay its failures either.
 */
export function finishedNextCheck(locations: readonly FeedLocation[], now: Date): Date | undefined {
  if (locations.every((location) => location.kind === 'file')) return undefined;
  return new Date(now.getTime() + FINISHED_CHECK_MS);
}

/**
 * What the state records of an answer (pure): for one that says the feed is finished (or a 304
 * to such a document), `finished` and the day's wait before its next check; nothing otherwise
 * (an answer without the word makes the feed active again).
 */
export function finishedUpdate(
  finished: boolean,
  locations: readonly FeedLocation[],
  now: Date,
): { finished?: true; nextCheck?: Date } {
  if (!finished) return {};
  const nextCheck = finishedNextCheck(locations, now);
  return nextCheck ? { finished: true, nextCheck } : { finished: true };
}

/**
 * What the state records of a 304 (pure): the document that said the feed is finished has not
 * changed, so its status stays as it is and only a finished feed's next check is recorded.
 */
export function finishedNotModified(
  wasFinished: boolean,
  locations: readonly FeedLocation[],
  now: Date,
): { nextCheck?: Date } {
  const { nextCheck } = finishedUpdate(wasFinished, locations, now);
  return nextCheck ? { nextCheck } : {};
}

/**
 * A finished feed's next check after a failure (backoff, Retry-After): never sooner than its
 * daily check, so a finished feed whose server is failing is not asked more often than a
 * working one. A failure that does not wait (a local one, no next check) stays so.
 */
export function finishedWait(nextCheck: Date | undefined, now: Date): Date | undefined {
  if (nextCheck === undefined) return undefined;
  return new Date(Math.max(nextCheck.getTime(), now.getTime() + FINISHED_CHECK_MS));
}
