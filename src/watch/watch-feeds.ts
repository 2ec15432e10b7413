import { FeedmillError } from '../errors.ts';
import type { FeedReport } from '../pipeline/index.ts';
import type { FeedHints } from './read-feed-hints.ts';
import { scheduleNextCheck } from './schedule-next-check.ts';

/** A feed as the watcher schedules it. */
export interface WatchedFeed {
  name: string;
  intervalMinutes: number;
  /** A check scheduled by an earlier watch (kept in the state database); default now. */
  firstCheck?: Date;
}

/** The effects the watcher needs, passed in so tests can use a fake clock. */
export interface WatchDependencies {
  now(): Date;
  /** Waits `ms` or until the signal aborts, whichever is first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  /** Runs the named feeds once (one pipeline run); hints are what the fetches revealed. */
  runFeeds(
    names: readonly string[],
  ): Promise<{ feeds: FeedReport[]; hints: ReadonlyMap<string, WatchHints> }>;
  /** Rebuilds the site (hexo generate); called debounced after runs that changed posts. */
  generate?: () => Promise<void>;
  /** Told when a cycle was skipped because another run holds the site lock, and when it retries. */
  onLocked?: (skipped: { error: FeedmillError; retryAt: Date }) => void;
  /** Told about each cycle, for the log. */
  onCycle?: (cycle: {
    feeds: FeedReport[];
    /** The next check of each feed that just ran. */
    scheduled: ReadonlyMap<string, Date>;
    next: Date | undefined;
  }) => void;
}

/** What one fetch revealed for the schedule: RSS hints, a Retry-After, HTTP freshness. */
export interface WatchHints extends FeedHints {
  retryAfter?: Date;
  /** Until when the server said its answer stays fresh (Cache-Control max-age, Expires). */
  freshUntil?: Date;
}

/**
 * A cycle that finds the site lock held (a manual `feedmill run`) retries after 30–60 s: soon
 * enough to catch up when that run ends, spread so that several watchers do not retry together.
 */
export const LOCK_RETRY_MS = { min: 30_000, max: 60_000 };

interface FeedState {
  next: Date;
  failures: number;
  hints: WatchHints;
}

/**
 * The long-running loop: runs the feeds that are due, schedules each one's next check, and
 * sleeps until the earliest. Stops when `signal` aborts, but only between runs, so in-flight
 * writes finish; a pending debounced generate then runs before it returns.
 */
export async function watchFeeds(
  feeds: readonly WatchedFeed[],
  deps: WatchDependencies,
  signal: AbortSignal,
  debounceMs: number,
): Promise<void> {
  const state = new Map<string, FeedState>(
    feeds.map((feed) => [feed.name, { next: feed.firstCheck ?? deps.now(), failures: 0, hints: {} }]),
  );
  let generateDue: number | undefined;
  while (!signal.aborted) {
    const now = deps.now();
    const due = feeds.filter((feed) => state.get(feed.name)!.next.getTime() <= now.getTime());
    if (due.length > 0) {
      let outcome: Awaited<ReturnType<WatchDependencies['runFeeds']>>;
      try {
        outcome = await deps.runFeeds(due.map((feed) => feed.name));
      } catch (error) {
        // Another run holds the lock: nothing was fetched or written, so skip and come back.
        if (!(error instanceof FeedmillError && error.code === 'LOCKED')) throw error;
        const wait = LOCK_RETRY_MS.min + deps.random() * (LOCK_RETRY_MS.max - LOCK_RETRY_MS.min);
        const retryAt = new Date(deps.now().getTime() + Math.round(wait));
        for (const feed of due) state.get(feed.name)!.next = retryAt;
        deps.onLocked?.({ error, retryAt });
        continue;
      }
      const { feeds: reports, hints } = outcome;
      const finished = deps.now();
      let changed = false;
      const scheduled = new Map<string, Date>();
      for (const feed of due) {
        const entry = state.get(feed.name)!;
        const report = reports.find((candidate) => candidate.name === feed.name);
        entry.failures = report?.status === 'failed' ? entry.failures + 1 : 0;
        if (report?.status === 'ok' && report.created + report.updated > 0) changed = true;
        const seen = hints.get(feed.name);
        if (seen) entry.hints = { ...entry.hints, ...seen };
        // Both are about the last answer only: an earlier one's never carries over.
        const retryAfter = seen?.retryAfter;
        const freshUntil = seen?.freshUntil;
        entry.next = scheduleNextCheck(
          {
            intervalMinutes: feed.intervalMinutes,
            consecutiveFailures: entry.failures,
            ...(entry.hints.ttlMinutes !== undefined ? { ttlMinutes: entry.hints.ttlMinutes } : {}),
            ...(entry.hints.skipHours ? { skipHours: entry.hints.skipHours } : {}),
            ...(entry.hints.skipDays ? { skipDays: entry.hints.skipDays } : {}),
            ...(retryAfter ? { retryAfter } : {}),
            ...(freshUntil ? { freshUntil } : {}),
          },
          finished,
          deps.random,
        );
        scheduled.set(feed.name, entry.next);
      }
      if (changed && deps.generate) generateDue = finished.getTime() + debounceMs;
      deps.onCycle?.({ feeds: reports, scheduled, next: earliest(state) });
      continue;
    }
    const wake = Math.min(
      earliest(state)?.getTime() ?? Number.POSITIVE_INFINITY,
      generateDue ?? Number.POSITIVE_INFINITY,
    );
    if (generateDue !== undefined && generateDue <= now.getTime()) {
      generateDue = undefined;
      await deps.generate?.();
      continue;
    }
    await deps.sleep(Math.max(0, wake - now.getTime()), signal);
  }
  if (generateDue !== undefined) await deps.generate?.();
}

function earliest(state: ReadonlyMap<string, FeedState>): Date | undefined {
  let best: Date | undefined;
  for (const entry of state.values()) if (!best || entry.next < best) best = entry.next;
  return best;
}
