import type { Element } from 'domhandler';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { webFeedAddress } from './web-feed-address.ts';

/** A feed a page offers through `<link rel="alternate">`. */
export interface PageFeed {
  /** Absolute URL, resolved against the page's base URL. */
  url: string;
  /** The link's media type (`application/rss+xml`); empty when the link gives none. */
  type: string;
  title?: string;
}

/** What a page says about its feeds. */
export interface PageFeeds {
  /** The page's `<title>`, whitespace collapsed. */
  title?: string;
  /** Links whose type says they are feeds. */
  feeds: PageFeed[];
  /**
   * Links that may be feeds, to be fetched and checked: `rel="feed"` without a type, types
   * other documents share (`application/json`, which WordPress gives its REST API; `text/xml`);
   * and, when the page links no feed at all, `<a>` links whose address looks like a feed's.
   */
  maybe: PageFeed[];
  /** How many feed links beyond the first MAX_PAGE_FEEDS were left out. */
  more?: number;
}

/** Feed links kept per page: real pages have a few; thousands are a hostile or broken page. */
export const MAX_PAGE_FEEDS = 20;

// The types feed autodiscovery uses (RSS Advisory Board's autodiscovery, RFC 4287 §7.1,
// JSON Feed 1.1 "Discovery"); RSS 1.0 is served as RDF; Atom 0.3 sites used the x- forms.
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
  'application/x-atom+xml',
  'application/x.atom+xml',
]);
// Types a feed link may carry but other documents share: JSON Feed 1.0 discovery used
// application/json (as does WordPress for its REST API); old sites announced RSS as text/xml.
const MAYBE_FEED_TYPES = new Set(['application/json', 'text/xml', 'application/xml']);

// The last path segment of a typical feed address: /feed, /rss/, /atom.xml, /index.rdf, /x.rss.
const FEED_LIKE_PATH =
  /(?:^|[/_.-])(?:feed|feeds|rss|rss2|atom)(?:\.[a-z0-9]+)?\/?$|\.(?:rss|atom|rdf|xml)$/i;

/**
 * The feeds an HTML page links, in document order, deduplicated: `<link>` elements whose `rel`
 * has `alternate` or `feed` (anywhere in the page, as browsers take them), hrefs resolved
 * against `<base href>` and the page's final URL; `feed:` hrefs as the http(s) URLs they stand for.
 */
export function findPageFeeds(html: string, pageUrl: string): PageFeeds {
  const document = parseDocument(html);
  const elements = findAll(
    (node) => node.name === 'link' || node.name === 'base' || node.name === 'title' || node.name === 'a',
    document.children,
  );
  const baseElement = elements.find(
    (element) => element.name === 'base' && element.attribs.href !== undefined,
  );
  // A base URL that is no web address (javascript:, data:) does not become the base (HTML's
  // "fallback base URL"): relative hrefs then resolve against the page.
  const base = webFeedAddress(resolve(baseElement?.attribs.href ?? '', pageUrl) ?? '') ?? pageUrl;
  const found: PageFeeds = { feeds: [], maybe: [] };
  const seen = new Set<string>([withoutFragment(pageUrl)]);
  let more = 0;
  const add = (list: PageFeed[], element: Element, type: string) => {
    const url = feedAddress(element.attribs.href, base);
    if (!url || seen.has(withoutFragment(url))) return;
    seen.add(withoutFragment(url));
    if (found.feeds.length + found.maybe.length >= MAX_PAGE_FEEDS) {
      more++;
      return;
    }
    const feed: PageFeed = { url, type };
    const title = collapse(element.attribs.title ?? '');
    if (title) feed.title = title;
    list.push(feed);
  };
  for (const element of elements) {
    if (element.name !== 'link') continue;
    const kind = feedLinkKind(element);
    if (kind) add(kind === 'feed' ? found.feeds : found.maybe, element, mediaType(element.attribs.type));
  }
  if (found.feeds.length === 0 && found.maybe.length === 0) {
    for (const element of elements) {
      if (element.name === 'a' && looksLikeFeed(element.attribs.href, base)) add(found.maybe, element, '');
    }
  }
  if (more > 0) found.more = more;
  const titleElement = elements.find((element) => element.name === 'title');
  const title = titleElement ? collapse(textContent(titleElement)) : '';
  return title ? { title, ...found } : found;
}

function feedLinkKind(element: Element): 'feed' | 'maybe' | undefined {
  // `rel` is a set of space-separated, ASCII case-insensitive tokens (HTML §4.6.7).
  const rel = (element.attribs.rel ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
  const type = mediaType(element.attribs.type);
  if (!rel.includes('alternate') && !rel.includes('feed')) return undefined;
  if (FEED_TYPES.has(type)) return 'feed';
  if (MAYBE_FEED_TYPES.has(type)) return 'maybe';
  // rel="feed" (microformats, WHATWG's former keyword) names a feed whatever its type says.
  return rel.includes('feed') && (type === '' || type.endsWith('+xml')) ? 'maybe' : undefined;
}

function looksLikeFeed(href: string | undefined, base: string): boolean {
  if (!href) return false;
  if (/^\s*feed:/i.test(href)) return true;
  const url = resolve(href, base);
  if (!url) return false;
  const { protocol, pathname } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && FEED_LIKE_PATH.test(pathname);
}

function feedAddress(href: string | undefined, base: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  if (/^feed:/i.test(trimmed)) return webFeedAddress(trimmed);
  const url = resolve(trimmed, base);
  return url ? webFeedAddress(url) : undefined;
}

function mediaType(type: string | undefined): string {
  return (type ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function resolve(href: string, base: string): string | undefined {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
