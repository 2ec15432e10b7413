import type { Diagnostic } from '../errors.ts';
import type { CleanItem, Item, JsonFeed, Subscription } from '../model.ts';

/** A page or file a processor fetched (an article page, an image), after redirects. */
export interface FetchedPage {
  /** The final URL after redirects. */
  url: string;
  /** The Content-Type header, if any. */
  contentType?: string;
  body: Uint8Array;
}

/**
 * Fetches article pages and images for processors through the feed client's limits (deadline,
 * size cap, redirects, private-address refusal, per-host concurrency). Throws a FeedmillError.
 */
export interface PageFetcher {
  get(url: string, options?: { accept?: string; maxBytes?: number }): Promise<FetchedPage>;
}

/**
 * Per-item memory a processor keeps in the state store, so that work done once (an article
 * fetched and extracted, a filter verdict) is not redone on the next run. Values are strings
 * (JSON when structured); `processor` namespaces the keys.
 */
export interface ProcessorCache {
  get(processor: string, itemKey: string): string | undefined;
  set(processor: string, itemKey: string, value: string): void;
}

/** What every processor of one feed's run sees besides the items. */
export interface ProcessContext {
  subscription: Subscription;
  /** The parsed feed (channel title, authors, home page); its items are not the ones to process. */
  feed: JsonFeed;
  /** The URL the feed was read from, after redirects (absent for local files). */
  feedUrl?: string;
  now: Date;
  fetchPage: PageFetcher;
  cache: ProcessorCache;
  /** Keys of items that already have a post: a processor may skip work for them. */
  known: ReadonlySet<string>;
  /** Item-level problems are pushed here and reported with the feed; never thrown. */
  diagnostics: Diagnostic[];
  /** What a processor that drops items decided for each, and why (the dry run lists them). */
  verdicts?: ItemVerdict[];
}

/** A processor's decision to keep or drop one item, with the rule or limit that decided it. */
export interface ItemVerdict {
  processor: string;
  key: string;
  title: string;
  kept: boolean;
  reason: string;
}

/**
 * One step between normalize and render. It returns the items to keep (a filter drops some),
 * in order, each possibly changed; it may be asynchronous and fetch through `fetchPage`.
 */
export interface ItemProcessor<In extends Item = Item, Out extends Item = In> {
  readonly name: string;
  process(items: readonly In[], context: ProcessContext): Promise<Out[]> | Out[];
}

/** A processor that runs after cleaning, on sanitized bodies (images). */
export type CleanItemProcessor = ItemProcessor<CleanItem>;
