import { isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml';
import { FeedmillError } from '../errors.ts';
import type { OpmlFeed } from './read-opml.ts';

const MAX_CATEGORY_LEVELS = 8;

/** What an import did. */
export interface ImportResult {
  /** The new feedmill.yml text, comments and layout of the existing part kept. */
  text: string;
  added: OpmlFeed[];
  /** Feeds already in the config (or twice in the OPML), with the reason. */
  skipped: Array<{ feed: OpmlFeed; reason: string }>;
}

/**
 * Appends OPML feeds to feedmill.yml through the `yaml` Document API, so existing comments
 * and formatting stay. A feed whose address is already configured is skipped; an address
 * under a configured RSSHub instance is written as its `rsshub:/route`.
 */
export function addFeedsToConfig(
  text: string,
  feeds: readonly OpmlFeed[],
  instances: readonly string[],
  file: string,
): ImportResult {
  let document = parseDocument(text);
  if (document.errors.length > 0)
    throw new FeedmillError('CONFIG_INVALID', `${file} is not valid YAML: ${document.errors[0]!.message}`, {
      path: file,
    });
  // An empty file (or one with only comments) gets a feeds: list after what it has.
  if (document.contents === null)
    document = parseDocument(`${text}${text && !text.endsWith('\n') ? '\n' : ''}feeds: []\n`);
  if (!isMap(document.contents))
    throw new FeedmillError('CONFIG_INVALID', `${file} must be a mapping with a feeds: list`, { path: file });
  let list = document.get('feeds');
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    document.set('feeds', list);
  }
  if (!isSeq(list))
    throw new FeedmillError('CONFIG_INVALID', `${file}: feeds must be a list`, { path: file });
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const node of list.items) {
    const url = isMap(node) ? node.get('url') : undefined;
    const name = isMap(node) ? node.get('name') : undefined;
    if (typeof url === 'string') seen.add(identity(url, instances));
    if (typeof name === 'string') names.add(name);
  }
  const result: ImportResult = { text: '', added: [], skipped: [] };
  for (const feed of feeds) {
    // An OPML file is foreign input: only web addresses, never a local path or another scheme
    // (a path would make feedmill read and publish a file of this machine).
    if (!isWebAddress(feed.url)) {
      result.skipped.push({ feed, reason: 'not an http(s) address' });
      continue;
    }
    const key = identity(feed.url, instances);
    if (seen.has(key)) {
      result.skipped.push({ feed, reason: 'already in the config' });
      continue;
    }
    seen.add(key);
    const entry: Record<string, unknown> = { url: toRoute(feed.url, instances) };
    // Names select feeds (--feed) and label reports: keep them unique.
    if (feed.title) entry.name = uniqueName(feed.title, names);
    // feedmill.yml allows at most 8 category levels (config schema): deeper folders are folded.
    if (feed.categories.length > 0) entry.categories = feed.categories.slice(0, MAX_CATEGORY_LEVELS);
    const node = document.createNode(entry) as YAMLMap;
    const categories = node.get('categories', true);
    if (isSeq(categories)) categories.flow = true;
    list.items.push(node);
    result.added.push(feed);
  }
  if (list.flow && list.items.length > 0) list.flow = false;
  result.text = document.toString({ flowCollectionPadding: false });
  return result;
}

function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function uniqueName(title: string, names: Set<string>): string {
  let name = title;
  for (let suffix = 2; names.has(name); suffix++) name = `${title} (${suffix})`;
  names.add(name);
  return name;
}

/** The comparable form of a feed address: a URL's normalized href, a route against the first instance. */
function identity(url: string, instances: readonly string[]): string {
  const routed =
    url.startsWith('rsshub:') && instances[0] ? instances[0].replace(/\/+$/, '') + url.slice(7) : url;
  try {
    return new URL(routed).href;
  } catch {
    return routed;
  }
}

/** `https://instance/route` → `rsshub:/route` when the address is under a configured instance. */
function toRoute(url: string, instances: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  for (const instance of instances) {
    const base = new URL(instance);
    const prefix = base.pathname.replace(/\/+$/, '');
    if (parsed.origin === base.origin && parsed.pathname.startsWith(`${prefix}/`))
      return `rsshub:${parsed.pathname.slice(prefix.length)}${parsed.search}`;
  }
  return parsed.href;
}
