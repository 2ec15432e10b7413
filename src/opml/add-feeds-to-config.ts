import { parseDocument } from 'yaml';
import { FeedmillError } from '../errors.ts';
import { type RsshubQuery, withRouteQuery } from '../rsshub/index.ts';
import { appendFeedItems, type FeedItem, webFeedAddress } from '../subscriptions/index.ts';
import type { OpmlFeed } from './read-opml.ts';

const MAX_CATEGORY_LEVELS = 8;

/** What an import did. */
export interface ImportResult {
  /** The new feedmill.yml text: the existing text unchanged, the new feeds after its last one. */
  text: string;
  added: OpmlFeed[];
  /** Feeds already in the config (or twice in the OPML), with the reason. */
  skipped: Array<{ feed: OpmlFeed; reason: string }>;
}

/**
 * Appends OPML feeds to feedmill.yml, every byte of the existing text kept (appendFeedItems).
 * A feed whose address is already configured is skipped, however it is written there (`url:`,
 * the `rsshub:` shorthand, with its query parameters); an address under a configured RSSHub
 * instance is written as its `rsshub:/route`, without the instance's access key.
 */
export function addFeedsToConfig(
  text: string,
  feeds: readonly OpmlFeed[],
  instances: readonly string[],
  file: string,
): ImportResult {
  const document = parseDocument(text);
  if (document.errors.length > 0)
    throw new FeedmillError('CONFIG_INVALID', `${file} is not valid YAML: ${document.errors[0]!.message}`, {
      path: file,
    });
  const value: unknown = document.toJS();
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value)))
    throw new FeedmillError('CONFIG_INVALID', `${file} must be a mapping with a feeds: list`, { path: file });
  const list = (value as { feeds?: unknown } | null)?.feeds;
  if (list !== undefined && list !== null && !Array.isArray(list))
    throw new FeedmillError('CONFIG_INVALID', `${file}: feeds must be a list`, { path: file });
  const seen = new Map<string, OpmlFeed | undefined>();
  const names = new Set<string>();
  for (const feed of (list ?? []) as unknown[]) {
    const configured = configuredAddress(feed);
    if (configured) seen.set(identity(configured), undefined);
    const name = (feed as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names.add(name);
  }
  const result: ImportResult = { text: '', added: [], skipped: [] };
  const items: FeedItem[] = [];
  for (const feed of feeds) {
    // An OPML file is foreign input: only web addresses, never a local path or another scheme
    // (a path would make feedmill read and publish a file of this machine).
    const address = webFeedAddress(feed.url);
    if (!address) {
      result.skipped.push({ feed, reason: 'not an http(s) address' });
      continue;
    }
    const url = toRoute(address, instances);
    const key = identity(url);
    if (seen.has(key)) {
      const first = seen.get(key);
      const reason = !first
        ? 'already in the config'
        : `listed again in the file (added${first.categories.length ? ` in ${first.categories.join(' / ')}` : ' without a folder'}; a feed has one category path)`;
      result.skipped.push({ feed, reason });
      continue;
    }
    seen.set(key, feed);
    const entry: Record<string, string | string[]> = { url };
    // Names select feeds (--feed) and label reports: keep them unique. A title that only
    // repeats the address (an unnamed feed, exported) names nothing.
    const title = feed.title;
    if (title && title !== url && title !== address && title !== feed.url)
      entry.name = uniqueName(title, names);
    // feedmill.yml allows at most 8 category levels (config schema): deeper folders are folded.
    if (feed.categories.length > 0) entry.categories = feed.categories.slice(0, MAX_CATEGORY_LEVELS);
    items.push(entry);
    result.added.push(feed);
  }
  result.text = appendFeedItems(text, items);
  return result;
}

/** A configured feed's address as the config schema reads it: `url`, else the `rsshub:` shorthand, with its query. */
function configuredAddress(feed: unknown): string | undefined {
  if (!feed || typeof feed !== 'object') return undefined;
  const { url, rsshub } = feed as { url?: unknown; rsshub?: unknown };
  if (typeof url === 'string') {
    const query = rsshub && typeof rsshub === 'object' ? (rsshub as RsshubQuery) : undefined;
    return url.startsWith('rsshub:') ? `rsshub:${withRouteQuery(url.slice(7).trim(), query)}` : url;
  }
  if (typeof rsshub === 'string') return `rsshub:${rsshub.trim()}`;
  if (rsshub && typeof rsshub === 'object') {
    const { route, ...query } = rsshub as { route?: unknown } & RsshubQuery;
    if (typeof route === 'string') return `rsshub:${withRouteQuery(route.trim(), query)}`;
  }
  return undefined;
}

function uniqueName(title: string, names: Set<string>): string {
  let name = title;
  for (let suffix = 2; names.has(name); suffix++) name = `${title} (${suffix})`;
  names.add(name);
  return name;
}

/**
 * The comparable form of a feed address: a route with its query parameters sorted (their order
 * means nothing to RSSHub), else the URL's normalized href.
 */
function identity(url: string): string {
  if (url.startsWith('rsshub:')) {
    const [path = '', query = ''] = url.slice(7).split(/\?(.*)/s, 2);
    const params = new URLSearchParams(query);
    params.sort();
    const sorted = params.toString();
    return `rsshub:${path.replace(/\/+$/, '') || '/'}${sorted ? `?${sorted}` : ''}`;
  }
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** `https://instance/route` → `rsshub:/route` when the address is under a configured instance. */
function toRoute(url: string, instances: readonly string[]): string {
  const parsed = new URL(url);
  for (const instance of instances) {
    let base: URL;
    try {
      base = new URL(instance);
    } catch {
      continue;
    }
    const prefix = base.pathname.replace(/\/+$/, '');
    if (parsed.origin === base.origin && parsed.pathname.startsWith(`${prefix}/`)) {
      // The access key is the instance's, set per instance when fetching: never part of a route.
      if (parsed.searchParams.has('key')) parsed.searchParams.delete('key');
      return `rsshub:${parsed.pathname.slice(prefix.length)}${parsed.search}`;
    }
  }
  return parsed.href;
}
