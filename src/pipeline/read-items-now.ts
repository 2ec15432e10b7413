import type { Diagnostic } from '../errors.ts';
import type { Item, JsonFeed, Subscription } from '../model.ts';
import { feedCategories, toItems } from '../normalize/index.ts';
import { type DecodedText, decodeBytes, parseFeed } from '../parse/index.ts';
import { type FeedBody, takeBytes } from './feed-body.ts';

/** What parse and normalize make of a feed's body: the feed's own fields and its kept items. */
export interface ReadItems {
  /** The feed's own fields; its parsed items are not kept (`items` is empty). */
  feed: JsonFeed;
  /** The newest `limit` items, normalized, newest first. */
  normalized: Item[];
  /** The feed's categories: configured, from the catalogue, else worked out (feedCategories). */
  categories: string[];
  diagnostics: Diagnostic[];
}

/** What reading a body needs to know about the feed and the answer it came in. */
export interface ReadItemsInput {
  subscription: Pick<Subscription, 'name' | 'source' | 'categories' | 'author' | 'limit' | 'timezone'>;
  fetched: { url: string; contentType?: string };
  now: Date;
}

/**
 * Parse and normalize in this thread. The bytes are taken out of their holder and decoded in a
 * call of their own, so that nothing refers to them while the text is parsed.
 */
export function readItemsNow(body: FeedBody, input: ReadItemsInput): ReadItems {
  return readDecodedItems(decodeBytes(takeBytes(body), input.fetched.contentType), input);
}

/** Parse and normalize a body already decoded (decodeBytes). */
export function readDecodedItems(decoded: DecodedText, input: ReadItemsInput): ReadItems {
  const { subscription, fetched, now } = input;
  const parsed = parseFeed(decoded, {
    url: fetched.url,
    timezone: subscription.timezone,
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
