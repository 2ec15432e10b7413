import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import { decodePage } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import {
  type Catalogue,
  findRoute,
  type LabelOptions,
  matchRadarRules,
  type RadarMatch,
  type RadarRules,
  routeCategories,
} from '../rsshub/index.ts';
import { findPageFeeds } from './find-page-feeds.ts';

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
 * Paths tried, in order, when a page links no feed: WordPress's `/feed`, then the RSS and
 * Atom names most static site generators write. At most these three requests, one at a time,
 * stopping at the first feed.
 */
export const GUESSED_FEED_PATHS: readonly string[] = ['/feed', '/rss.xml', '/atom.xml'];

/**
 * Finds what an address can be subscribed as: RSSHub routes its Radar rules give, then the
 * address itself when it is a feed, else the feeds its page links (or, with none, a guessed one).
 */
export async function discoverFeeds(address: string, options: DiscoverOptions): Promise<Discovery> {
  let url: URL;
  try {
    url = new URL(address.includes('://') ? address : `https://${address}`);
  } catch {
    throw new FeedmillError('USAGE', `not a web address: ${address}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedmillError('USAGE', `not an http(s) address: ${address}`);
  }
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
      if (found.feeds.length === 0 && options.guess !== false) {
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
  const candidate: FeedCandidate = {
    kind: 'route',
    url: `rsshub:${match.route}`,
    name: entry ? `${entry.namespaceName} ${entry.name}` : `${match.site} ${match.title}`,
    site: entry?.namespaceName ?? match.site,
    title: entry?.name ?? match.title,
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
  if (type === 'text/html' || type === 'application/xhtml+xml') return undefined;
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
    const url = new URL(path, page.origin).href;
    try {
      const result = await fetcher.fetch({ kind: 'http', url }, {});
      if (result.kind !== 'fetched') continue;
      const title = feedTitle(result);
      if (title !== undefined) return feedCandidate(result.url, 'guess', title);
    } catch {
      // A guess that fails is no news: the next one is tried.
    }
  }
  return undefined;
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
