import { cleanItem, cleanOptionsFor } from '../clean/index.ts';
import type { Diagnostic } from '../errors.ts';
import type { FetchResult } from '../fetch/index.ts';
import type { FeedLocation, Item, Subscription } from '../model.ts';
import { dateUndated } from '../normalize/index.ts';
import {
  cleanProcessorsFor,
  type ImagesProcessorOptions,
  type ItemVerdict,
  openProcessorScope,
  type PageFetcher,
  type ProcessContext,
  type ProcessorScope,
  processorsFor,
  refusingPageFetcher,
  runProcessors,
} from '../process/index.ts';
import type { OutputTarget, SiteOptions } from '../render/index.ts';
import type { Store, StoredFeed, StoredItem } from '../store/index.ts';
import { claimAdoptedPosts } from './adopt-posts.ts';
import type { FeedBody } from './feed-body.ts';
import { hashContent, type RenderedPost } from './plan-writes.ts';
import type { RetentionPolicy } from './prune-posts.ts';
import { readItems, readingFacts } from './read-items.ts';
import { retainItems } from './retain-items.ts';

/**
 * One feed's items through the processors, turned into posts batch by batch (clean, images,
 * render) for the caller to plan and write, with what the stages noted on the way.
 */
export interface RenderedFeed {
  /** How many batches of posts there are (none when no item is kept). */
  batches: number;
  /** Cleans and renders one batch (in order, each once): at most BATCH_ITEMS posts. */
  renderBatch(index: number): Promise<RenderedPost[]>;
  /** The folder the feed's posts go to. */
  folder: string;
  /** The feed's items the state knows (adopted posts claimed), by key. */
  known: Map<string, StoredItem>;
  /** The key of every item the feed holds now, kept or not. */
  itemKeys: string[];
  diagnostics: Diagnostic[];
  verdicts: ItemVerdict[];
  /** The feed says it is finished and will never be updated again (JSON Feed `expired: true`). */
  finished: boolean;
}

/** What rendering a feed needs besides the feed itself. */
export interface RenderFeedContext {
  target: OutputTarget;
  site: SiteOptions;
  retention: RetentionPolicy | undefined;
  store: Store;
  now: Date;
  fetchPage: PageFetcher | undefined;
  scope: ProcessorScope;
}

/** Opens what processors share across the feeds of one run (see openProcessorScope). */
export function openRunScope(images: ImagesProcessorOptions | undefined): ProcessorScope {
  return openProcessorScope(images);
}

/**
 * Items cleaned, rendered, planned and written together: a feed of 10,000 items holds the
 * cleaned HTML and rendered posts of one batch at a time, not of all of them.
 */
export const BATCH_ITEMS = 500;

/** renderFeed's signature, for the run that loads it on first use. */
export type RenderFeed = typeof renderFeed;

/**
 * The stages between fetch and plan: parse → normalize → retention → process (filter, full
 * text, media) → clean → process (images) → render. Kept apart from runSync so that a run
 * whose feeds all answer 304 never loads them.
 */
export async function renderFeed(
  subscription: Subscription,
  stored: StoredFeed,
  body: FeedBody,
  fetched: Omit<Extract<FetchResult, { kind: 'fetched' }>, 'body'> & { location: FeedLocation },
  context: RenderFeedContext,
): Promise<RenderedFeed> {
  const { store, now, target } = context;
  const { feed, normalized, categories, diagnostics } = await readItems(body, {
    subscription: readingFacts(subscription),
    fetched,
    now,
  });
  const effective: Subscription = { ...subscription, categories };
  const itemKeys = normalized.map((item) => item.key);
  // Posts adopted from disk after the state was lost take their items' keys here.
  const known = claimAdoptedPosts(store, stored.id, subscription.source, itemKeys);
  const retained = retainItems(
    normalized,
    { pruned: store.prunedKeys(stored.id), known },
    context.retention,
    now,
  );
  const dated = dateUndated(retained, (key) => known.get(key)?.firstSeen, now);
  const verdicts: ItemVerdict[] = [];
  const processContext: ProcessContext = {
    subscription: effective,
    feed,
    ...(fetched.location.kind === 'http' ? { feedUrl: fetched.url } : {}),
    now,
    fetchPage: context.fetchPage ?? refusingPageFetcher('this run'),
    cache: {
      get: (processor, itemKey) => store.processorValue(stored.id, processor, itemKey),
      set: (processor, itemKey, value) => store.setProcessorValue(stored.id, processor, itemKey, value),
    },
    known: new Set(known.keys()),
    diagnostics,
    verdicts,
  };
  // The filter's limit and verdicts are about the whole feed: these processors see every item.
  const processed: (Item | undefined)[] = await runProcessors(
    dated,
    processorsFor(effective, context.scope),
    processContext,
  );
  const cleanOptions = cleanOptionsFor(subscription, feed.feed_url ?? fetched.url, target.markup);
  const folder = target.postFolder(categories);
  const renderBatch = async (index: number): Promise<RenderedPost[]> => {
    const start = index * BATCH_ITEMS;
    const items = processed.slice(start, start + BATCH_ITEMS).filter((item) => item !== undefined);
    // Let go of the batch's items as they are rendered.
    processed.fill(undefined, start, start + BATCH_ITEMS);
    const cleaned = await runProcessors(
      items.map((item) => cleanItem(item, cleanOptions)),
      cleanProcessorsFor(effective, context.scope),
      processContext,
    );
    return cleaned.map((item): RenderedPost => {
      const previous = known.get(item.key);
      const firstSeen = previous?.firstSeen ?? now.toISOString();
      return {
        key: item.key,
        folder,
        fileName: target.postFileName(item.title),
        // Made only when the title's name is taken, which few posts meet: a hash of the key and
        // a second name per item were 1 % of a first run's CPU.
        get uniqueFileName() {
          return target.postFileName(item.title, hashContent(item.key).slice(0, 8));
        },
        content: target.renderPost(item, effective, context.site),
        firstSeen,
        published: item.published.toISOString(),
      };
    });
  };
  const batches = Math.ceil(processed.length / BATCH_ITEMS);
  const finished = feed.expired === true;
  return { batches, renderBatch, folder, known, itemKeys, diagnostics, verdicts, finished };
}
