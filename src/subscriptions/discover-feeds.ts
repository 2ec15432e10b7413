import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import { decodePage } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import {
  type Catalogue,
  findRoute,
  type LabelOptions,
  localNames,
  matchRadarRules,
  type RadarMatch,
  type RadarRules,
  routeCategories,
} from '../rsshub/index.ts';
import { findPageFeeds, MAX_PAGE_FEEDS } from './find-page-feeds.ts';
import { webFeedAddress } from './web-feed-address.ts';

/** Something `feedmill add` can subscribe to, or a rule it can only point to. */
export type FeedCandidate =
  | {
      kind: 'route';
      /** `rsshub:/route`. */
      url: string;
      /** The feed name to write (site and route name). */
      name: string;
      site: string;
      title: string;
      /** The catalogue's categories for the route, when a catalogue is loaded and lists it. */
      categories?: string[];
      docs?: string;
    }
  | {
      kind: 'feed';
      url: string;
      name: string;
      /** How it was found: the address itself is a feed, the page links it, or a guessed path answered. */
      via: 'address' | 'page' | 'guess';
      title?: string;
    }
  | {
      /** A Radar rule that recognised the address but gives no route: its target is code, or needs values. */
      kind: 'docs';
      site: string;
      title: string;
      docs?: string;
      /** The route template that needs values (for `feedmill routes add`). */
      target?: string;
      missing?: string[];
    };

/** What discovery needs: the fetcher (with the config's limits), and rules and catalogue when loaded. */
export interface DiscoverOptions {
  fetcher: Fetcher;
  rules?: RadarRules;
  /** Loads the route catalogue, for the categories of route candidates; called only when there are some. */
  catalogue?: () => Promise<Catalogue | undefined>;
  labels: LabelOptions;
  /** Try a few common feed paths when the page links none (default true). */
  guess?: boolean;
}

/** The candidates and the problems met (an unreachable page does not stop the Radar matches). */
export interface Discovery {
  address: string;
  candidates: FeedCandidate[];
  notes: string[];
}

/**
 * Paths tried, in order, when a page links no feed: WordPress's `/feed`, Jekyll's `/feed.xml`,
 * the RSS and Atom names of Hexo and most other generators, Hugo's `/index.xml`. At most these
 * five requests, one at a time, stopping at the first feed.
 */
export const GUESSED_FEED_PATHS: readonly string[] = [
  '/feed',
  '/feed.xml',
  '/rss.xml',
  '/atom.xml',
  '/index.xml',
];

/** Links that may be feeds (findPageFeeds' `maybe`) fetched per page to check, at most. */
const MAX_CHECKED_LINKS = 3;

/**
 * Finds what an address can be subscribed as: RSSHub routes its Radar rules give, then the
 * address itself when it is a feed, else the feeds its page links (or, with none, a guessed one).
 */
export async function discoverFeeds(address: string, options: DiscoverOptions): Promise<Discovery> {
  const url = webAddress(address);
  const candidates: FeedCandidate[] = [];
  const notes: string[] = [];
  if (options.rules) {
    const matches = matchRadarRules(options.rules, url);
    const catalogue = matches.some((match) => match.route) ? await options.catalogue?.() : undefined;
    candidates.push(...matches.map((match) => radarCandidate(match, catalogue, options.labels)));
  }
  let page: Extract<FetchResult, { kind: 'fetched' }> | undefined;
  try {
    const result = await options.fetcher.fetch({ kind: 'http', url: url.href }, {});
    if (result.kind === 'fetched') page = result;
    else notes.push(`the page ${url.href} answered ${answerText(result)}`);
  } catch (error) {
    notes.push((error as Error).message);
  }
  if (page) {
    const asFeed = feedTitle(page);
    if (asFeed !== undefined) {
      candidates.push(feedCandidate(page.url, 'address', asFeed));
    } else {
      const found = findPageFeeds(decodePage(page.body, page.contentType), page.url);
      for (const feed of found.feeds)
        candidates.push(feedCandidate(feed.url, 'page', feed.title ?? found.title));
      if (found.more)
        notes.push(`the page links ${found.more} more feeds; only the first ${MAX_PAGE_FEEDS} are listed`);
      // Links that may be feeds are fetched, a few at most, and kept when they are.
      let offered = found.feeds.length;
      for (const maybe of found.maybe.slice(0, MAX_CHECKED_LINKS)) {
        const title = await fetchFeedTitle(maybe.url, options.fetcher);
        if (title === undefined) continue;
        candidates.push(feedCandidate(title.url, 'page', maybe.title ?? (title.title || found.title)));
        offered++;
      }
      if (offered === 0 && options.guess !== false) {
        const guessed = await guessFeed(new URL(page.url), options.fetcher);
        if (guessed) candidates.push(guessed);
      }
    }
  }
  return { address: url.href, candidates: dedupe(candidates), notes };
}

function radarCandidate(
  match: RadarMatch,
  catalogue: Catalogue | undefined,
  labels: LabelOptions,
): FeedCandidate {
  if (!match.route) {
    const hint: FeedCandidate = { kind: 'docs', site: match.site, title: match.title };
    if (match.docs) hint.docs = match.docs;
    if (match.unfilled?.kind === 'missing') {
      hint.missing = match.unfilled.names;
      if (match.target) hint.target = match.target;
    }
    return hint;
  }
  const entry = catalogue ? findRoute(catalogue, match.route) : undefined;
  const names = entry ? localNames(entry, labels.lang) : { site: match.site, route: match.title };
  const candidate: FeedCandidate = {
    kind: 'route',
    url: `rsshub:${match.route}`,
    name: `${names.site} ${names.route}`,
    site: names.site,
    title: names.route,
  };
  if (entry) candidate.categories = routeCategories(entry, labels);
  if (match.docs) candidate.docs = match.docs;
  return candidate;
}

function feedCandidate(
  url: string,
  via: 'address' | 'page' | 'guess',
  title: string | undefined,
): FeedCandidate {
  const candidate: FeedCandidate = { kind: 'feed', url, name: title || url, via };
  if (title) candidate.title = title;
  return candidate;
}

/** The feed's title when the body is a feed (empty string for an untitled one), else undefined. */
function feedTitle(page: Extract<FetchResult, { kind: 'fetched' }>): string | undefined {
  const type = (page.contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  // Feeds from scripts are often served as text/html: an HTML type is believed only when the
  // body does not open like a feed.
  if ((type === 'text/html' || type === 'application/xhtml+xml') && !opensLikeFeed(page.body))
    return undefined;
  try {
    const parsed = parseFeed(page.body, {
      url: page.url,
      ...(page.contentType ? { contentType: page.contentType } : {}),
    });
    return parsed.feed.title ?? '';
  } catch {
    return undefined;
  }
}

async function guessFeed(page: URL, fetcher: Fetcher): Promise<FeedCandidate | undefined> {
  for (const path of GUESSED_FEED_PATHS) {
    const found = await fetchFeedTitle(new URL(path, page.origin).href, fetcher);
    if (found) return feedCandidate(found.url, 'guess', found.title);
  }
  return undefined;
}

/** The final URL and title of a feed at `url`; undefined when it is no feed or does not answer. */
async function fetchFeedTitle(
  url: string,
  fetcher: Fetcher,
): Promise<{ url: string; title: string } | undefined> {
  try {
    const result = await fetcher.fetch({ kind: 'http', url }, {});
    if (result.kind !== 'fetched') return undefined;
    const title = feedTitle(result);
    return title === undefined ? undefined : { url: result.url, title };
  } catch {
    // A link or guess that fails is no news: the next one is tried.
    return undefined;
  }
}

// After an optional BOM, whitespace, XML declaration, comments and stylesheet instructions:
// the root element of RSS, RSS 1.0 (RDF) or Atom.
const FEED_OPENING =
  /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<\?xml-stylesheet[^>]*>)\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i;

function opensLikeFeed(body: Uint8Array): boolean {
  return FEED_OPENING.test(
    Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString('latin1'),
  );
}

/** The address as a URL: http(s) as given, `feed:` as the URL it stands for, a bare host as https. */
function webAddress(address: string): URL {
  const trimmed = address.trim();
  const web = webFeedAddress(trimmed);
  if (web) return new URL(web);
  // A scheme that is not a host and port (`localhost:8080/x` has none): not a web address.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^:/?#]+:\d+(?:[/?#]|$)/.test(trimmed))
    throw new FeedmillError('USAGE', `not an http(s) address: ${address}`);
  try {
    return new URL(`https://${trimmed}`);
  } catch {
    throw new FeedmillError('USAGE', `not a web address: ${address}`);
  }
}

function answerText(result: Exclude<FetchResult, { kind: 'fetched' }>): string {
  if (result.kind === 'retry-later') return `HTTP ${result.status} (try again later)`;
  if (result.kind === 'gone') return 'HTTP 410 (gone)';
  return 'not modified';
}

function dedupe(candidates: FeedCandidate[]): FeedCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = candidate.kind === 'docs' ? `docs:${candidate.site}:${candidate.title}` : candidate.url;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
