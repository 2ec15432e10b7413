import { type Diagnostic, type DiagnosticCode, toFeedmillError } from '../../errors.ts';
import { decodePage } from '../../fetch/index.ts';
import type { FullTextOptions, Item } from '../../model.ts';
import { plainText } from '../../parse/index.ts';
import { createTurns, type Turns } from '../host-turns.ts';
import type { FetchedPage, ItemProcessor, ProcessContext } from '../item-processor.ts';
import { type ExtractRule, extractArticle, foldSpace, type ParseDocument } from './extract-article.ts';
import { findSiteRule } from './find-site-rule.ts';
import { type FullTextEntry, MAX_FETCH_ATTEMPTS, needsFetch, readEntry } from './full-text-entry.ts';
import { SITE_RULES, type SiteRule } from './site-rules.ts';

/** The processor's name, which also namespaces its values in the processor cache. */
export const FULL_TEXT = 'full-text';

/** Knobs of the full-text processor; the defaults are the documented behaviour. */
export interface FullTextProcessorOptions {
  /** Items worked on at once; the page fetcher still limits each host (1 by default). */
  concurrency?: number;
  /** Runs on which a failed page is fetched, in all. */
  maxAttempts?: number;
  /** How pages are parsed (linkedom); the benchmark passes jsdom. */
  parse?: ParseDocument;
  siteRules?: Readonly<Record<string, SiteRule>>;
}

/**
 * The hosts of one feed's article pages in a run: their pages are asked for one after another
 * (the page fetcher allows one request per host anyway), so that once one timed out the rest
 * are not asked for: a host that swallows connections would cost each of its items the whole
 * deadline, on every run.
 */
interface PageHosts {
  turns: Turns;
  /** Hosts that timed out in this run, with the error. */
  timedOut: Map<string, string>;
}

const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9';

/**
 * Replaces each item's HTML by the article of its link for feeds with `full_text:` set. Each
 * page is fetched once per item and the outcome kept in the processor cache; when there is no
 * article or it has less text than the feed's content, the item keeps the feed's HTML and a
 * diagnostic says why (only in the run that fetched, so it is reported once).
 */
export function createFullTextProcessor(options: FullTextProcessorOptions = {}): ItemProcessor {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  return {
    name: FULL_TEXT,
    async process(items, context) {
      const fullText = context.subscription.fullText;
      if (fullText?.kind !== 'page') return [...items];
      const out: Item[] = new Array(items.length);
      const shared = sharedPages(items);
      const hosts: PageHosts = { turns: createTurns(), timedOut: new Map() };
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const index = next++;
          out[index] = await withFullText(items[index]!, fullText, shared, hosts, context, options);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
      return out;
    },
  };
}

async function withFullText(
  item: Item,
  fullText: Extract<FullTextOptions, { kind: 'page' }>,
  shared: ReadonlyMap<string, number>,
  hosts: PageHosts,
  context: ProcessContext,
  options: FullTextProcessorOptions,
): Promise<Item> {
  const url = articleUrl(item.url);
  if (url === undefined) {
    if (!context.known.has(item.key))
      note(context, 'full-text-no-link', item, 'the item has no http(s) link to fetch its article from');
    return item;
  }
  const rule = ruleFor(fullText, url, options.siteRules ?? SITE_RULES);
  const fingerprint = JSON.stringify([rule.selector ?? null, rule.remove]);
  const cached = readEntry(context.cache.get(FULL_TEXT, item.key));
  const feedChars = foldSpace(plainText(item.html)).length;
  let entry = cached;
  if (needsFetch(cached, url, fingerprint, options.maxAttempts ?? MAX_FETCH_ATTEMPTS)) {
    const linkedBy = shared.get(pageOf(url)) ?? 1;
    entry =
      linkedBy > 1
        ? sharedPage(item, url, linkedBy, fingerprint, cached, context)
        : await hosts.turns(new URL(url).host, () =>
            fetchArticle(item, url, rule, fingerprint, cached, hosts.timedOut, context, options),
          );
    context.cache.set(FULL_TEXT, item.key, JSON.stringify(entry));
    if (entry.outcome === 'extracted' && (entry.chars ?? 0) < feedChars) {
      note(
        context,
        'full-text-shorter',
        item,
        `the article at ${url} has less text than the feed's content (${entry.chars} < ${feedChars} characters); the post keeps the feed's content`,
      );
    }
  }
  if (entry?.html === undefined || (entry.chars ?? 0) < feedChars) return item;
  return { ...item, html: entry.html };
}

/**
 * A page several items of the feed link to (the home page of a feed whose links all point
 * there, anchors of one changelog page) is the article of none of them: each post would become
 * the same whole page. It is not fetched, and this is final for the link, as no article is.
 */
function sharedPage(
  item: Item,
  url: string,
  linkedBy: number,
  fingerprint: string,
  cached: FullTextEntry | undefined,
  context: ProcessContext,
): FullTextEntry {
  const kept = cached?.html === undefined ? {} : { html: cached.html, chars: cached.chars ?? 0 };
  const keeps = kept.html === undefined ? "the feed's content" : 'the article extracted before';
  note(
    context,
    'full-text-not-found',
    item,
    `${pageOf(url)} is the link of ${linkedBy} items of the feed, so it is the article of none; the post keeps ${keeps}`,
  );
  return { url, rule: fingerprint, outcome: 'not-found', attempts: 0, ...kept };
}

/** How many of the items link to each page (their links without the fragment). */
function sharedPages(items: readonly Item[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const url = articleUrl(item.url);
    if (url !== undefined) counts.set(pageOf(url), (counts.get(pageOf(url)) ?? 0) + 1);
  }
  return counts;
}

/** The page a link names: the URL without its fragment, which no request carries. */
function pageOf(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Fetches and extracts one page into the entry to remember, noting any fallback. */
async function fetchArticle(
  item: Item,
  url: string,
  rule: ExtractRule,
  fingerprint: string,
  cached: FullTextEntry | undefined,
  timedOut: Map<string, string>,
  context: ProcessContext,
  options: FullTextProcessorOptions,
): Promise<FullTextEntry> {
  // An article kept from an earlier link or rule stays until a new one is extracted, so a
  // failure never changes a written post.
  const kept = cached?.html === undefined ? {} : { html: cached.html, chars: cached.chars ?? 0 };
  const keeps = kept.html === undefined ? "the feed's content" : 'the article extracted before';
  const sameTarget = cached !== undefined && cached.url === url && cached.rule === fingerprint;
  const host = new URL(url).host;
  const earlier = timedOut.get(host);
  if (earlier !== undefined) {
    // Not asked, so no attempt is counted: the page is tried again on the next run.
    note(
      context,
      'full-text-fetch-failed',
      item,
      `the article page was not asked for: ${host} timed out earlier in this run (${earlier}); the post keeps ${keeps}, tried again on the next run`,
    );
    return { url, rule: fingerprint, outcome: 'failed', attempts: sameTarget ? cached.attempts : 0, ...kept };
  }
  let page: FetchedPage;
  try {
    page = await context.fetchPage.get(url, { accept: PAGE_ACCEPT });
  } catch (error) {
    const failure = toFeedmillError(error, 'FETCH_FAILED');
    if (failure.code === 'FETCH_TIMEOUT') timedOut.set(host, failure.message);
    const max = options.maxAttempts ?? MAX_FETCH_ATTEMPTS;
    // A page over the size cap or on a refused address will not change by asking again.
    const final = failure.code === 'FETCH_TOO_LARGE' || failure.code === 'FETCH_REFUSED';
    // Other workers holding every slot of the host is no attempt at the page: not counted.
    const asked = failure.code !== 'HOST_BUSY';
    const before = sameTarget ? cached.attempts : 0;
    const attempts = final ? max : before + (asked ? 1 : 0);
    const when = final
      ? 'not tried again'
      : attempts < max
        ? 'tried again on the next run'
        : `not tried again after ${attempts} attempts`;
    note(
      context,
      'full-text-fetch-failed',
      item,
      `the article page could not be fetched (${failure.code}: ${failure.message}); the post keeps ${keeps}, ${when}`,
    );
    return { url, rule: fingerprint, outcome: 'failed', attempts, ...kept };
  }
  const type = page.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && !PAGE_TYPES.has(type)) {
    note(
      context,
      'full-text-not-html',
      item,
      `${page.url} is ${type}, not an HTML page; the post keeps ${keeps}`,
    );
    return { url, rule: fingerprint, outcome: 'not-found', attempts: 0, ...kept };
  }
  let found: ReturnType<typeof extractArticle>;
  try {
    found = extractArticle(decodePage(page.body, page.contentType), page.url, rule, options.parse);
  } catch (error) {
    found = { kind: 'not-found', reason: `extraction failed: ${(error as Error).message}` };
  }
  if (found.kind === 'not-found') {
    note(
      context,
      'full-text-not-found',
      item,
      `no article in ${page.url} (${found.reason}); the post keeps ${keeps}`,
    );
    return { url, rule: fingerprint, outcome: 'not-found', attempts: 0, ...kept };
  }
  return {
    url,
    rule: fingerprint,
    outcome: 'extracted',
    html: found.html,
    chars: found.text.length,
    attempts: 0,
  };
}

/** The configured selector, else the built-in rule for the link's host, else Readability. */
function ruleFor(
  fullText: Extract<FullTextOptions, { kind: 'page' }>,
  url: string,
  siteRules: Readonly<Record<string, SiteRule>>,
): ExtractRule {
  if (fullText.selector !== undefined) return { selector: fullText.selector, remove: fullText.remove };
  const site = findSiteRule(url, siteRules);
  if (site === undefined) return { remove: fullText.remove };
  return { selector: site.selector, remove: [...(site.remove ?? []), ...fullText.remove] };
}

function articleUrl(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function note(context: ProcessContext, code: DiagnosticCode, item: Item, message: string): void {
  const diagnostic: Diagnostic = { code, message, item: item.key };
  context.diagnostics.push(diagnostic);
}
