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
  /**
   * Runs the named feeds once (one pipeline run); hints are what the fetches revealed. Once
   * `signal` aborts (a stop) the run starts no further feed and leaves those out of its report.
   */
  runFeeds(
    names: readonly string[],
    signal: AbortSignal,
  ): Promise<{ feeds: FeedReport[]; hints: ReadonlyMap<string, WatchHints> }>;
  /**
   * The feeds to watch now, asked before each look at the schedule (a config edited while
   * watching); default the feeds the watch started with. A new name is due at once (or at its
   * `firstCheck`), a name no longer listed is dropped, an interval counts from its next check.
   */
  currentFeeds?: () => readonly WatchedFeed[];
  /** Rebuilds the site (hexo generate); called debounced after runs that changed posts. */
  generate?: () => Promise<void>;
  /** Told when a cycle was skipped because another run holds the site lock, and when it retries. */
  onLocked?: (skipped: { error: FeedmillError; retryAt: Date }) => void;
  /**
   * Told when a cycle failed as a whole (a config edited into an invalid one, a state database
   * that cannot be written, a bug): the watch goes on and tries the cycle's feeds again then.
   */
  onCycleFailed?: (failed: { error: unknown; retryAt: Date; failures: number }) => void;
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

/**
 * A cycle that failed as a whole is tried again after 1 minute, doubling up to half an hour:
 * a broken config or database gets fixed while the watch waits, without a busy loop.
 */
export const CYCLE_RETRY_MS = { first: 60_000, max: 30 * 60_000 };

/**
 * The longest single sleep. Timers run on a clock that stops while the machine is suspended
 * and ignores changes of the wall clock, while the schedule is in wall-clock time: waking
 * every minute to look at the wall clock notices both.
 */
export const MAX_SLEEP_MS = 60_000;

interface FeedState {
  next: Date;
  failures: number;
  hints: WatchHints;
}

/**
 * The long-running loop: runs the feeds that are due, schedules each one's next check, and
 * sleeps until the earliest (a minute at most, then it looks again). Stops when `signal`
 * aborts: a run in progress starts no further feed, the feeds it started finish their writes,
 * and a pending debounced generate runs before it returns. A failed cycle is reported and
 * tried again later; only the signal ends the loop.
 */
export async function watchFeeds(
  feeds: readonly WatchedFeed[],
  deps: WatchDependencies,
  signal: AbortSignal,
  debounceMs: number,
): Promise<void> {
  const state = new Map<string, FeedState>();
  let watched: readonly WatchedFeed[] = [];
  const follow = (list: readonly WatchedFeed[]) => {
    if (list === watched) return;
    const names = new Set(list.map((feed) => feed.name));
    for (const name of state.keys()) if (!names.has(name)) state.delete(name);
    for (const feed of list)
      if (!state.has(feed.name))
        state.set(feed.name, { next: feed.firstCheck ?? clock.now(), failures: 0, hints: {} });
    watched = list;
  };
  // The wall clock as the schedule sees it: when it is set back, every time planned moves back
  // by as much, so no feed waits for the hours the clock now repeats.
  const clock = {
    seen: deps.now().getTime(),
    now(): Date {
      return deps.now();
    },
    read(sleptMs = 0): Date {
      const now = deps.now();
      const expected = this.seen + sleptMs;
      if (now.getTime() < this.seen) {
        const back = expected - now.getTime();
        for (const entry of state.values()) entry.next = new Date(entry.next.getTime() - back);
        if (generateDue !== undefined) generateDue -= back;
      }
      this.seen = now.getTime();
      return now;
    },
  };
  let generateDue: number | undefined;
  let cycleFailures = 0;
  let slept = 0;
  follow(feeds);
  while (!signal.aborted) {
    follow(deps.currentFeeds?.() ?? watched);
    const now = clock.read(slept);
    slept = 0;
    const due = watched.filter((feed) => state.get(feed.name)!.next.getTime() <= now.getTime());
    if (due.length > 0) {
      let outcome: Awaited<ReturnType<WatchDependencies['runFeeds']>>;
      try {
        outcome = await deps.runFeeds(
          due.map((feed) => feed.name),
          signal,
        );
      } catch (error) {
        const at = clock.read().getTime();
        if (error instanceof FeedmillError && error.code === 'LOCKED') {
          // Another run holds the lock: nothing was fetched or written, so skip and come back.
          const wait = LOCK_RETRY_MS.min + deps.random() * (LOCK_RETRY_MS.max - LOCK_RETRY_MS.min);
          const retryAt = new Date(at + Math.round(wait));
          for (const feed of due) state.get(feed.name)!.next = retryAt;
          deps.onLocked?.({ error, retryAt });
          continue;
        }
        cycleFailures++;
        const wait = Math.min(
          CYCLE_RETRY_MS.first * 2 ** Math.min(cycleFailures - 1, 20),
          CYCLE_RETRY_MS.max,
        );
        const retryAt = new Date(at + wait);
        for (const feed of due) state.get(feed.name)!.next = retryAt;
        deps.onCycleFailed?.({ error, retryAt, failures: cycleFailures });
        continue;
      }
      cycleFailures = 0;
      const { feeds: reports, hints } = outcome;
      const finished = clock.read();
      let changed = false;
      const scheduled = new Map<string, Date>();
      for (const feed of due) {
        const entry = state.get(feed.name);
        const report = reports.find((candidate) => candidate.name === feed.name);
        // Stopped before this feed started: it stays due (also in the state database).
        if (!entry || (!report && signal.aborted)) continue;
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
            // A finished feed waits for the check its run recorded, fetched or not (runSync).
            ...(report?.finished && report.nextCheck ? { finishedUntil: new Date(report.nextCheck) } : {}),
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
    if (generateDue !== undefined && generateDue <= now.getTime()) {
      generateDue = undefined;
      await deps.generate?.();
      continue;
    }
    const wake = Math.min(
      earliest(state)?.getTime() ?? Number.POSITIVE_INFINITY,
      generateDue ?? Number.POSITIVE_INFINITY,
    );
    slept = Math.min(Math.max(0, wake - now.getTime()), MAX_SLEEP_MS);
    await deps.sleep(slept, signal);
  }
  if (generateDue !== undefined) await deps.generate?.();
}

function earliest(state: ReadonlyMap<string, FeedState>): Date | undefined {
  let best: Date | undefined;
  for (const entry of state.values()) if (!best || entry.next < best) best = entry.next;
  return best;
}
