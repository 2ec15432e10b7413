import { FeedmillError, toFeedmillError } from '../errors.ts';
import {
  backsOff,
  type Fetcher,
  type FetchResult,
  fetchFirst,
  finishedNotModified,
  finishedUpdate,
  finishedWait,
  goneMessage,
  nextCheckAfterFailure,
  redactUserinfo,
  retryLaterMessage,
} from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import type { ImagesProcessorOptions, PageFetcher, ProcessorScope } from '../process/index.ts';
import type { OutputTarget, SiteOptions } from '../render/index.ts';
import { isDamage, type Store, type StoredFeed } from '../store/index.ts';
import { commitFeed, type PostWriter } from './apply-writes.ts';
import type { PostAdopter } from './create-post-adopter.ts';
import { handOverBody } from './feed-body.ts';
import { feedLocations } from './feed-locations.ts';
import { configNameOf } from './move-edited-feeds.ts';
import { notModifiedUpdate } from './not-modified-update.ts';
import { planWrites } from './plan-writes.ts';
import type { RetentionPolicy } from './prune-posts.ts';
import type { RenderFeed } from './render-feed.ts';
import type { FeedReport, RunReport } from './run-report.ts';
import { takenPaths } from './taken-paths.ts';

/** The effects a run needs, passed in so tests can use fakes. */
export interface RunDependencies {
  fetcher: Fetcher;
  store: Store;
  writer: PostWriter;
  /**
   * The names in a folder relative to the posts folder (none if it does not exist), so that a
   * new post never takes the name of a file feedmill does not own, whatever its case.
   */
  namesIn: (folder: string) => readonly string[];
  now: () => Date;
  /** Recognises a new item's own post, written before the state was lost (see createPostAdopter). */
  adoptPost?: PostAdopter;
  /** Fetches article pages and images for processors; without it their fetches are refused. */
  fetchPage?: PageFetcher;
  /** The site's image folder and records, for `images: local` (none: images stay remote). */
  images?: ImagesProcessorOptions;
}

/** What to run. */
export interface RunOptions {
  subscriptions: readonly Subscription[];
  /** Where and how posts are written (Hexo, Hugo). */
  target: OutputTarget;
  /** The site's facts (timezone, its own category slugs), as `target.readSite` gives them. */
  site: SiteOptions;
  /** Feeds processed at once. */
  concurrency: number;
  /** Called as each feed finishes, for progress output. */
  onFeedDone?: (report: FeedReport) => void;
  /** Called as each feed starts (live progress shows the feeds in flight). */
  onFeedStart?: (subscription: Subscription) => void;
  /** Retention per subscription source: items older than `maxAgeDays` are not written. */
  retention?: ReadonlyMap<string, RetentionPolicy>;
  /** Fetch feeds backing off from earlier failures now (`feedmill run --retry`). */
  retry?: boolean;
  /**
   * A stop (`feedmill watch` got SIGTERM): once aborted no further feed starts, the feeds in
   * flight finish their writes, and the report holds only the feeds that ran.
   */
  signal?: AbortSignal;
}

/**
 * The whole flow, in order: fetch → parse → normalize → retention → process (filter, full text,
 * media) → clean → process (images) → render → plan → apply.
 */
export async function runSync(options: RunOptions, deps: RunDependencies): Promise<RunReport> {
  const started = Date.now();
  const reports: FeedReport[] = new Array(options.subscriptions.length);
  // Category names whose slugs collide on the site (C++ and C#) are warnings of the feeds using
  // them; worked out when a first feed is written, since slugging every category of every feed
  // is wasted on a run whose feeds all answer 304.
  let collisions: ReturnType<OutputTarget['categoryCollisions']> | undefined;
  const collisionsOf = (index: number) => {
    collisions ??= options.target.categoryCollisions(
      options.subscriptions.map((subscription) => subscription.categories),
      options.site,
    );
    return collisions.get(index) ?? [];
  };
  // What processors share across feeds (the filters' regex worker), for this run only, opened
  // with the stages by the first feed that has something to render.
  let scope: ProcessorScope | undefined;
  const stages = async () => {
    const loaded = await loadStages();
    scope ??= loaded.openRunScope(deps.images);
    return { renderFeed: loaded.renderFeed, scope };
  };
  let next = 0;
  const worker = async () => {
    while (next < options.subscriptions.length && options.signal?.aborted !== true) {
      const index = next++;
      const subscription = options.subscriptions[index]!;
      options.onFeedStart?.(subscription);
      const report = await syncFeed(subscription, options, deps, stages);
      if (report.status === 'ok') report.diagnostics.push(...collisionsOf(index));
      reports[index] = report;
      options.onFeedDone?.(report);
    }
  };
  try {
    await Promise.all(
      Array.from(
        { length: Math.max(1, Math.min(options.concurrency, options.subscriptions.length)) },
        worker,
      ),
    );
  } finally {
    await scope?.close();
  }
  // A stop leaves the feeds that never started out (the array's holes).
  return { feeds: reports.filter(() => true), elapsedMs: Date.now() - started };
}

let stagesModule: Promise<typeof import('./render-feed.ts')> | undefined;
/**
 * Parse, normalize, clean, the processors and rendering are loaded the first time a feed has
 * a body: an all-304 run never pays for loading them (a third of its CPU time when it did).
 */
function loadStages(): Promise<typeof import('./render-feed.ts')> {
  stagesModule ??= import('./render-feed.ts');
  return stagesModule;
}

async function syncFeed(
  subscription: Subscription,
  options: RunOptions,
  deps: RunDependencies,
  stages: () => Promise<{ renderFeed: RenderFeed; scope: ProcessorScope }>,
): Promise<FeedReport> {
  // The config name is recorded so that an edit of the feed's url keeps its row (moveEditedFeeds).
  const stored = deps.store.feed(subscription.source, configNameOf(subscription));
  const skipped = skipReason(subscription, stored, deps.now(), options.retry === true);
  if (skipped) return skipped;
  if (subscription.waiting !== undefined)
    return waitingAnswer(subscription, subscription.waiting, stored, deps);
  // The feed's last answer said it is finished (JSON Feed `expired`): see finishedAnswer.
  const wasFinished = stored.status === 'finished';
  try {
    const validators = {
      ...(stored.etag ? { etag: stored.etag } : {}),
      ...(stored.lastModified ? { lastModified: stored.lastModified } : {}),
    };
    const fetched = await fetchFirst(deps.fetcher, feedLocations(subscription, stored), validators);
    // Which RSSHub instance answered (its key masked), for the report.
    const served = fetched.location.kind === 'http' ? fetched.location.instance : undefined;
    const instance = served === undefined ? {} : { instance: served };
    if (fetched.kind === 'not-modified') {
      // The document that said the feed is finished has not changed: it still is.
      const now = deps.now();
      deps.store.recordNotModified(stored.id, {
        ...notModifiedUpdate(fetched, served),
        ...finishedNotModified(wasFinished, subscription.locations, now),
      });
      return {
        name: subscription.name,
        status: 'not-modified',
        source: fetched.url,
        ...instance,
        ...(fetched.movedTo ? { movedTo: fetched.movedTo } : {}),
        ...finishedAnswer(wasFinished, subscription, now).report,
      };
    }
    if (fetched.kind === 'gone' || fetched.kind === 'retry-later')
      return pollingAnswer(subscription, stored, fetched, deps);
    // The body goes to the parser alone, in a holder that reading empties (see handOverBody).
    const body = handOverBody(fetched);
    const { body: _handedOver, ...answer } = fetched;
    const { renderFeed, scope } = await stages();
    const rendered = await renderFeed(subscription, stored, body, answer, {
      target: options.target,
      site: options.site,
      retention: options.retention?.get(subscription.source),
      store: deps.store,
      now: deps.now(),
      fetchPage: deps.fetchPage,
      scope,
    });
    const { known, itemKeys, diagnostics, verdicts } = rendered;
    // Its items are written as any feed's: a feed may say it is finished in its last answer.
    const finished = finishedAnswer(rendered.finished, subscription, deps.now());
    const taken = takenPaths(rendered.folder, deps.namesIn, (paths) => deps.store.takenAmong(paths));
    const counts = { create: 0, update: 0, unchanged: 0 };
    // Batch by batch (a large feed is never held rendered whole); a feed without posts still
    // records its success.
    for (let batch = 0; batch < Math.max(1, rendered.batches); batch++) {
      const posts = batch < rendered.batches ? await rendered.renderBatch(batch) : [];
      const last = batch >= rendered.batches - 1;
      // Planning and journalling (commitFeed's first, synchronous step) happen with no await
      // between them, so concurrent feeds find each other's new names in the journal.
      const plan = planWrites(posts, known, taken, deps.adoptPost);
      // Validators are saved with the last batch's rows, never before every post is written.
      await commitFeed(
        deps,
        stored.id,
        plan,
        last
          ? {
              validators: answer.validators,
              ...(answer.movedTo ? { movedTo: answer.movedTo } : {}),
              ...(served === undefined ? {} : { servedBy: served }),
              ...finished.update,
            }
          : undefined,
      );
      for (const write of plan) counts[write.kind]++;
    }
    // What processors remembered about items filtered out that have left the feed goes.
    deps.store.forgetProcessorValues(stored.id, itemKeys);
    return {
      name: subscription.name,
      status: 'ok',
      created: counts.create,
      updated: counts.update,
      unchanged: counts.unchanged,
      source: answer.url,
      ...instance,
      diagnostics,
      ...(verdicts.length > 0 ? { filtered: verdicts } : {}),
      ...(answer.movedTo ? { movedTo: answer.movedTo } : {}),
      ...finished.report,
      ...(wasFinished && !rendered.finished ? { resumed: true as const } : {}),
    };
  } catch (error) {
    // A damaged state database ends the run (exit 1, how to rebuild it), not just this feed.
    if (isDamage(error)) throw error;
    const failure = toFeedmillError(error, 'INTERNAL', { feed: subscription.name });
    if (!(error instanceof FeedmillError)) failure.stack = (error as Error).stack ?? failure.stack;
    let nextCheck = backsOff(failure.code, subscription.locations)
      ? nextCheckAfterFailure(stored.consecutiveFailures + 1, deps.now())
      : undefined;
    // A finished feed whose server fails is not asked more often than a working one.
    if (wasFinished) nextCheck = finishedWait(nextCheck, deps.now());
    deps.store.recordFailure(stored.id, failure.code, failure.message, nextCheck);
    return {
      name: subscription.name,
      status: 'failed',
      code: failure.code,
      message: failure.message,
      failures: stored.consecutiveFailures + 1,
      ...(nextCheck ? { nextCheck: nextCheck.toISOString() } : {}),
      ...(wasFinished ? { finished: true as const } : {}),
    };
  }
}

/**
 * What an answer saying the feed is finished (JSON Feed 1.1 `expired: true`: "the feed will never
 * update again") changes, for the state and the report. Such a feed is not a failure and loses
 * nothing: every post already written stays (as any post whose item left its feed) and the
 * answer's own items are written as usual. It is only checked less often: once a day instead of
 * on every run (a feed read from files, which costs no server anything, on every run still), so
 * the report names it as finished every run, fetched or not, and its first answer without the
 * word makes it an ordinary feed again. Nothing for a feed that is not finished.
 */
function finishedAnswer(
  finished: boolean,
  subscription: Subscription,
  now: Date,
): {
  update: { finished?: boolean; nextCheck?: Date };
  report: { finished?: true; nextCheck?: string };
} {
  const update = finishedUpdate(finished, subscription.locations, now);
  if (!update.finished) return { update, report: {} };
  const { nextCheck } = update;
  return { update, report: { finished: true, ...(nextCheck ? { nextCheck: nextCheck.toISOString() } : {}) } };
}

/**
 * A gone feed is not polled; a failing one waits for its backoff (RFC 9110 Retry-After
 * included) unless `retry`. Either is still failing, so it is reported with its last error.
 * A finished feed (JSON Feed `expired`) waits for its daily check unless `retry`, and is
 * reported as finished, not as a failure.
 */
function skipReason(
  subscription: Subscription,
  stored: StoredFeed,
  now: Date,
  retry: boolean,
): FeedReport | undefined {
  const { name } = subscription;
  const finished = stored.status === 'finished' ? { finished: true as const } : {};
  const last = {
    name,
    status: 'failed' as const,
    code: stored.lastErrorCode ?? 'FETCH_FAILED',
    message: stored.lastErrorMessage ?? 'failed in an earlier run',
    failures: stored.consecutiveFailures,
  };
  if (stored.status === 'gone') return { ...last, code: 'FETCH_GONE', notFetched: 'gone' };
  // Only a failing or finished feed waits: `watch` also records its schedule in next_check,
  // and that must not keep a healthy feed out of a manual `feedmill run`.
  const waiting = !retry && stored.nextCheck !== undefined && new Date(stored.nextCheck) > now;
  if (waiting && stored.consecutiveFailures > 0)
    return { ...last, nextCheck: stored.nextCheck, notFetched: 'backoff', ...finished };
  if (waiting && stored.status === 'finished')
    return {
      name,
      status: 'not-modified',
      // As written in the config (a password masked, as in every report), or where it moved.
      source: redactUserinfo(stored.redirectedUrl ?? subscription.source),
      finished: true,
      nextCheck: stored.nextCheck,
      notFetched: 'finished',
    };
  return undefined;
}

/**
 * The folder is part of every post's URL, so a feed whose categories are not known yet waits
 * rather than being filed under a guess it could never leave. Nothing is fetched and no backoff
 * is set: the next run tries again.
 */
function waitingAnswer(
  subscription: Subscription,
  waiting: NonNullable<Subscription['waiting']>,
  stored: StoredFeed,
  deps: RunDependencies,
): FeedReport {
  const { code, message } = waiting;
  // Counted once, not once per run, so a long wait does not lengthen a later real backoff.
  const waited = stored.lastErrorCode === code;
  if (!waited) deps.store.recordFailure(stored.id, code, message);
  return {
    name: subscription.name,
    status: 'failed',
    code,
    message,
    failures: stored.consecutiveFailures + (waited ? 0 : 1),
  };
}

function pollingAnswer(
  subscription: Subscription,
  stored: StoredFeed,
  fetched: Extract<FetchResult, { kind: 'gone' | 'retry-later' }>,
  deps: RunDependencies,
): FeedReport {
  if (fetched.kind === 'gone') {
    const message = goneMessage(fetched.url);
    deps.store.markGone(stored.id, message);
    return {
      name: subscription.name,
      status: 'failed',
      code: 'FETCH_GONE',
      message,
      failures: stored.consecutiveFailures + 1,
    };
  }
  let nextCheck = nextCheckAfterFailure(stored.consecutiveFailures + 1, deps.now(), fetched.retryAfterMs);
  // A finished feed is not asked more often than once a day, Retry-After or not.
  const finished = stored.status === 'finished';
  if (finished) nextCheck = finishedWait(nextCheck, deps.now()) ?? nextCheck;
  const message = retryLaterMessage(fetched, nextCheck);
  deps.store.recordFailure(stored.id, 'FETCH_RATE_LIMITED', message, nextCheck);
  return {
    name: subscription.name,
    status: 'failed',
    code: 'FETCH_RATE_LIMITED',
    message,
    failures: stored.consecutiveFailures + 1,
    nextCheck: nextCheck.toISOString(),
    ...(finished ? { finished: true as const } : {}),
  };
}
