import type { Element } from 'domhandler';
import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** A feed a page offers through `<link rel="alternate">`. */
export interface PageFeed {
  /** Absolute URL, resolved against the page's base URL. */
  url: string;
  /** The link's media type (`application/rss+xml`). */
  type: string;
  title?: string;
}

/** What a page says about its feeds. */
export interface PageFeeds {
  /** The page's `<title>`, whitespace collapsed. */
  title?: string;
  feeds: PageFeed[];
}

// The types feed autodiscovery uses (RSS Advisory Board's autodiscovery, RFC 4287 §7.1,
// JSON Feed 1.1 "Discovery"); RSS 1.0 is served as RDF.
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml',
]);

/**
 * The feeds an HTML page links with `rel="alternate"` and a feed media type, in document
 * order, deduplicated; hrefs are resolved against `<base href>` and the page's final URL.
 */
export function findPageFeeds(html: string, pageUrl: string): PageFeeds {
  const document = parseDocument(html);
  const elements = findAll(
    (node) => node.name === 'link' || node.name === 'base' || node.name === 'title',
    document.children,
  );
  const baseElement = elements.find(
    (element) => element.name === 'base' && element.attribs.href !== undefined,
  );
  const base = resolve(baseElement?.attribs.href ?? '', pageUrl) ?? pageUrl;
  const feeds: PageFeed[] = [];
  const seen = new Set<string>();
  for (const element of elements) {
    const href = element.attribs.href?.trim();
    if (element.name !== 'link' || !href || !isFeedLink(element)) continue;
    const url = resolve(href, base);
    if (!url || seen.has(url) || !/^https?:$/.test(new URL(url).protocol)) continue;
    seen.add(url);
    const feed: PageFeed = { url, type: mediaType(element.attribs.type) };
    const title = collapse(element.attribs.title ?? '');
    if (title) feed.title = title;
    feeds.push(feed);
  }
  const titleElement = elements.find((element) => element.name === 'title');
  const title = titleElement ? collapse(textContent(titleElement)) : '';
  return title ? { title, feeds } : { feeds };
}

function isFeedLink(element: Element): boolean {
  // `rel` is a set of space-separated, ASCII case-insensitive tokens (HTML §4.6.7).
  const rel = (element.attribs.rel ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
  return rel.includes('alternate') && FEED_TYPES.has(mediaType(element.attribs.type));
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

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
