import { createRequire } from 'node:module';
import { FeedmillError } from '../errors.ts';
import { appendFeedItems, type FeedItem } from './append-feed-items.ts';

// `yaml` (73 modules) is loaded when a feed is added, not by every run that imports this stage.
const loadYaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** The outcome of adding a feed to feedmill.yml's text. */
export type AddFeedResult = { kind: 'added'; text: string } | { kind: 'exists'; index: number };

/** A feed entry to add. */
export interface FeedEntry {
  url: string;
  name?: string;
}

/**
 * Appends `{ url, name }` to the `feeds` list of a feedmill.yml text unless the list has it,
 * every other byte (comments, alignment, quoting) kept (appendFeedItems).
 */
export function addFeedEntry(text: string, entry: FeedEntry): AddFeedResult {
  const { isMap, isSeq, parseDocument } = loadYaml();
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new FeedmillError(
      'CONFIG_INVALID',
      `not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`,
    );
  }
  const feeds = isMap(document.contents) ? document.get('feeds', true) : undefined;
  if (isSeq(feeds)) {
    const index = feeds.items.findIndex((item) => isMap(item) && sameRoute(item.toJSON(), entry.url));
    if (index !== -1) return { kind: 'exists', index };
  }
  const value: FeedItem =
    entry.name === undefined ? { url: entry.url } : { url: entry.url, name: entry.name };
  return { kind: 'added', text: appendFeedItems(text, [value]) };
}

function sameRoute(value: unknown, url: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const feed = value as { url?: unknown; rsshub?: unknown };
  if (feed.url === url) return true;
  if (typeof feed.rsshub === 'string') return `rsshub:${feed.rsshub.trim()}` === url;
  // `rsshub: { route, …query }`: the route is the feed's url (the config schema's reading).
  const route =
    feed.rsshub && typeof feed.rsshub === 'object' ? (feed.rsshub as { route?: unknown }).route : undefined;
  return typeof route === 'string' && `rsshub:${route.trim()}` === url;
}
