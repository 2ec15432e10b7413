import { cleanItem, cleanOptionsFor } from '../clean/index.ts';
import type { Diagnostic } from '../errors.ts';
import type { FetchResult } from '../fetch/index.ts';
import type { FeedLocation, Item, JsonFeed, Subscription } from '../model.ts';
import { dateUndated, feedCategories, toItems } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';
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
import { hashContent, type RenderedPost } from './plan-writes.ts';
import type { RetentionPolicy } from './prune-posts.ts';
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
  const { feed, normalized, categories, diagnostics } = readItems(
    subscription,
    takeBytes(body),
    fetched,
    now,
  );
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
  const cleanOptions = cleanOptionsFor(subscription, feed.feed_url ?? fetched.url);
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
    return cleaned.map((item) => {
      const previous = known.get(item.key);
      const firstSeen = previous?.firstSeen ?? now.toISOString();
      return {
        key: item.key,
        folder,
        fileName: target.postFileName(item.title),
        uniqueFileName: target.postFileName(item.title, hashContent(item.key).slice(0, 8)),
        content: target.renderPost(item, effective, context.site),
        firstSeen,
        published: item.published.toISOString(),
      };
    });
  };
  const batches = Math.ceil(processed.length / BATCH_ITEMS);
  return { batches, renderBatch, folder, known, itemKeys, diagnostics, verdicts };
}

/** A fetched body on its way to the parser; parsing takes the bytes out (see takeBytes). */
export interface FeedBody {
  bytes: Uint8Array | undefined;
}

/**
 * The bytes, leaving the holder empty: no caller's frame keeps them once they are parsed (an
 * async function keeps its locals, dead or not, until it returns).
 */
function takeBytes(body: FeedBody): Uint8Array {
  const bytes = body.bytes;
  body.bytes = undefined;
  if (bytes === undefined) throw new Error('a feed body was parsed twice');
  return bytes;
}

/**
 * Parse and normalize. Only the feed's own fields (not its parsed items) and the normalized
 * items leave this function, so the parse tree and the body can be freed before the items are
 * processed: a feed of 20,000 items holds its tree and bytes no longer than it needs them.
 */
function readItems(
  subscription: Subscription,
  body: Uint8Array,
  fetched: { url: string; contentType?: string },
  now: Date,
): { feed: JsonFeed; normalized: Item[]; categories: string[]; diagnostics: Diagnostic[] } {
  const parsed = parseFeed(body, {
    url: fetched.url,
    timezone: subscription.timezone,
    ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
  });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  // A feed with no categories of its own is filed under its site and a short name (see
  // feedCategories); RSSHub routes waiting for the catalogue never get here.
  const categories = feedCategories(subscription, parsed.feed, fetched.url);
  // Items without an author take the feed's, else the configured one (an RSSHub route's site).
  const author = subscription.author === undefined ? {} : { defaultAuthor: subscription.author };
  const normalized = toItems(parsed.feed, { now, limit: subscription.limit, ...author }, diagnostics);
  return { feed: { ...parsed.feed, items: [] }, normalized, categories, diagnostics };
}
