import { domainToUnicode } from 'node:url';
import type { JsonFeed, Subscription } from '../model.ts';
import { plainText } from '../parse/index.ts';

/** Longest short title, in characters (code points): enough for "Science & Technology News". */
const SHORT_TITLE_LENGTH = 32;
// The part of a title before its first separator (": ", " - ", " | ", " — ", "｜", "：").
const LEADING_NAME = /^(.+?)(?::\s|\s[-–—|·•»]\s|[｜：])/u;
// Separators that join a site's name and a section's in titles ("Example — Tech", "Blog | Posts").
const TRAILING_SEPARATORS = /[\s\-–—|:·•»«/\\,;。，：｜・]+$/u;

/**
 * The categories (and so the folder) of a feed's posts: the configured or catalogue ones; for an
 * RSSHub route the catalogue does not list, the feed's title; else two short stable levels: the site's host (`example.com`, from the feed's home page, else its
 * own URL) and the feed's configured `name`, else its title cut short, else a word of its URL
 * path. Two feeds of one site share the host level and part at the second.
 */
export function feedCategories(
  subscription: Pick<Subscription, 'categories' | 'source' | 'name'>,
  feed: JsonFeed,
  fetchedUrl?: string,
): string[] {
  if (subscription.categories.length > 0) return subscription.categories;
  // A route the RSSHub catalogue does not list keeps its title, as its posts always had.
  if (subscription.source.startsWith('rsshub:')) return [feed.title || subscription.name];
  const host = siteHost(feed.home_page_url) ?? siteHost(feed.feed_url) ?? siteHost(fetchedUrl);
  const named = subscription.name !== subscription.source ? subscription.name.trim() : '';
  const second =
    named || shortTitle(feed.title) || pathWord(feed.feed_url ?? fetchedUrl ?? subscription.source);
  const levels = [host, second].filter((level): level is string => Boolean(level));
  // Nothing at all to go by (a local file without title): the configured source, as before.
  return levels.length > 0 ? [...new Set(levels)] : [subscription.name];
}

/** The host of an http(s) URL without `www.`, in Unicode (IDNs readable), or undefined. */
export function siteHost(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url) || !URL.canParse(url)) return undefined;
  const hostname = new URL(url).hostname.replace(/^www\./, '');
  if (!hostname || hostname.startsWith('[')) return hostname || undefined;
  return domainToUnicode(hostname) || hostname;
}

/**
 * A feed title cut to a folder name: plain text on one line, at most SHORT_TITLE_LENGTH
 * characters: the name before its first separator when the whole is too long, else cut at a
 * word boundary when there is one, without trailing separators.
 */
export function shortTitle(title: string | undefined): string {
  const text = plainText(title).replace(TRAILING_SEPARATORS, '');
  const chars = [...text];
  if (chars.length <= SHORT_TITLE_LENGTH) return text;
  // A long title that names the site first ("Harbour Hour: Conversations About…") keeps the name.
  const head = LEADING_NAME.exec(text)?.[1];
  if (head && [...head].length >= 3 && [...head].length <= SHORT_TITLE_LENGTH) return head;
  const cut = chars.slice(0, SHORT_TITLE_LENGTH).join('');
  const space = cut.lastIndexOf(' ');
  return (space >= SHORT_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(TRAILING_SEPARATORS, '');
}

// Path words that only say "this is a feed".
const FEED_WORDS = new Set(['feed', 'feeds', 'rss', 'rss2', 'atom', 'index', 'xml', 'json', 'posts']);

/** The last path segment of a URL that names something (`/blog/tech/feed.xml` → `tech`). */
function pathWord(url: string): string {
  if (!URL.canParse(url)) return '';
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  for (let index = segments.length - 1; index >= 0; index--) {
    let segment: string;
    try {
      segment = decodeURIComponent(segments[index]!);
    } catch {
      segment = segments[index]!;
    }
    const word = segment.replace(/\.[a-z0-9]+$/i, '');
    if (word && !FEED_WORDS.has(word.toLowerCase())) return word.slice(0, SHORT_TITLE_LENGTH);
  }
  return '';
}
