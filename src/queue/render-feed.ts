import { cleanItem, cleanOptionsFor } from '../clean/index.ts';
import { toFeedmillError } from '../errors.ts';
import {
  backsOff,
  type Fetcher,
  fetchFirst,
  finishedNotModified,
  finishedUpdate,
  finishedWait,
  goneMessage,
  nextCheckAfterFailure,
  retryLaterMessage,
} from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { dateUndated } from '../normalize/index.ts';
import {
  feedLocations,
  handOverBody,
  hashContent,
  notModifiedUpdate,
  type RenderedPost,
  type RetentionPolicy,
  readItems,
  readingFacts,
  retainItems,
} from '../pipeline/index.ts';
import {
  cleanProcessorsFor,
  type PageFetcher,
  type ProcessContext,
  type ProcessorScope,
  processorsFor,
  runProcessors,
} from '../process/index.ts';
import type { OutputTarget, SiteOptions } from '../render/index.ts';
import type { NotModifiedUpdate, StoredFeed, StoredItem, SuccessUpdate } from '../store/index.ts';

/** What a worker needs to render one feed; the state is read before and written after. */
export interface RenderFeedInput {
  subscription: Subscription;
  stored: StoredFeed;
  /** The feed's posts already published (their first-seen dates and keys). */
  known: ReadonlyMap<string, StoredItem>;
  /** Keys deleted by retention: never rendered again. */
  pruned: ReadonlySet<string>;
  /** The feed's `keep:`: an item without a post already beyond max_age_days is not rendered. */
  keep?: RetentionPolicy | undefined;
  /** Validators of a render not yet published: sent instead of the stored ones. */
  validators: SuccessUpdate['validators'];
  /** The processors' remembered values of this feed, as (processor, key) → value. */
  cached: ReadonlyMap<string, string>;
  target: OutputTarget;
  site: SiteOptions;
  fetcher: Fetcher;
  fetchPage: PageFetcher;
  scope: ProcessorScope;
  now: Date;
}

/** A worker's answer for one feed. */
export type RenderFeedOutcome =
  | { kind: 'rendered'; posts: RenderedPost[]; update: SuccessUpdate; cacheWrites: Map<string, string> }
  | { kind: 'not-modified'; update: NotModifiedUpdate }
  | { kind: 'gone'; message: string }
  | { kind: 'failed'; code: string; message: string; nextCheck?: Date };

/** The cache map's key of one processor value. */
export function cacheKey(processor: string, itemKey: string): string {
  return `${processor}\u0000${itemKey}`;
}

/**
 * fetch → parse → normalize → processors → clean → render for one feed, with the same stage
 * functions `feedmill run` uses, but deciding nothing about files: the single writer plans
 * names and writes. A feed's failure is an outcome, never a throw.
 */
export async function renderFeed(input: RenderFeedInput): Promise<RenderFeedOutcome> {
  const { subscription, stored, now } = input;
  // A finished feed (JSON Feed `expired`) waits a day between checks, as in `run` (runSync).
  const wasFinished = stored.status === 'finished';
  try {
    if (subscription.waiting !== undefined)
      return { kind: 'failed', code: subscription.waiting.code, message: subscription.waiting.message };
    const fetched = await fetchFirst(input.fetcher, feedLocations(subscription, stored), input.validators);
    const served = fetched.location.kind === 'http' ? fetched.location.instance : undefined;
    // The document that said the feed is finished is unchanged: it still is.
    if (fetched.kind === 'not-modified')
      return {
        kind: 'not-modified',
        update: {
          ...notModifiedUpdate(fetched, served),
          ...finishedNotModified(wasFinished, subscription.locations, now),
        },
      };
    if (fetched.kind === 'gone')
      return {
        kind: 'gone',
        message: goneMessage(fetched.url),
      };
    if (fetched.kind === 'retry-later') {
      let nextCheck = nextCheckAfterFailure(stored.consecutiveFailures + 1, now, fetched.retryAfterMs);
      if (wasFinished) nextCheck = finishedWait(nextCheck, now) ?? nextCheck;
      return {
        kind: 'failed',
        code: 'FETCH_RATE_LIMITED',
        message: retryLaterMessage(fetched, nextCheck),
        nextCheck,
      };
    }
    const read = await readItems(handOverBody(fetched), {
      subscription: readingFacts(subscription),
      fetched,
      now,
    });
    const { feed, normalized, categories, diagnostics } = read;
    // Its items are rendered as any feed's; publish records the word with the feed's success.
    const finished = feed.expired === true;
    const effective: Subscription = { ...subscription, categories };
    const kept = retainItems(normalized, { pruned: input.pruned, known: input.known }, input.keep, now);
    const dated = dateUndated(kept, (key) => input.known.get(key)?.firstSeen, now);
    const cacheWrites = new Map<string, string>();
    const context: ProcessContext = {
      subscription: effective,
      feed,
      ...(fetched.location.kind === 'http' ? { feedUrl: fetched.url } : {}),
      now,
      fetchPage: input.fetchPage,
      // Values are read from what the job loaded and written back after it, in one transaction.
      cache: {
        get: (processor, itemKey) =>
          cacheWrites.get(cacheKey(processor, itemKey)) ?? input.cached.get(cacheKey(processor, itemKey)),
        set: (processor, itemKey, value) => void cacheWrites.set(cacheKey(processor, itemKey), value),
      },
      known: new Set(input.known.keys()),
      diagnostics,
      verdicts: [],
    };
    const processed = await runProcessors(dated, processorsFor(effective, input.scope), context);
    const cleanOptions = cleanOptionsFor(subscription, feed.feed_url ?? fetched.url, input.target.markup);
    const cleaned = await runProcessors(
      processed.map((item) => cleanItem(item, cleanOptions)),
      cleanProcessorsFor(effective, input.scope),
      context,
    );
    const folder = input.target.postFolder(categories);
    const posts = cleaned.map((item) => ({
      key: item.key,
      folder,
      fileName: input.target.postFileName(item.title),
      uniqueFileName: input.target.postFileName(item.title, hashContent(item.key).slice(0, 8)),
      content: input.target.renderPost(item, effective, input.site),
      firstSeen: input.known.get(item.key)?.firstSeen ?? now.toISOString(),
      published: item.published.toISOString(),
    }));
    return {
      kind: 'rendered',
      posts,
      cacheWrites,
      update: {
        validators: fetched.validators,
        ...(fetched.movedTo ? { movedTo: fetched.movedTo } : {}),
        ...(served === undefined ? {} : { servedBy: served }),
        ...finishedUpdate(finished, subscription.locations, now),
      },
    };
  } catch (error) {
    const failure = toFeedmillError(error, 'INTERNAL', { feed: subscription.name });
    let nextCheck = backsOff(failure.code, subscription.locations)
      ? nextCheckAfterFailure(stored.consecutiveFailures + 1, now)
      : undefined;
    if (wasFinished) nextCheck = finishedWait(nextCheck, now);
    return {
      kind: 'failed',
      code: failure.code,
      message: failure.message,
      ...(nextCheck ? { nextCheck } : {}),
    };
  }
}
