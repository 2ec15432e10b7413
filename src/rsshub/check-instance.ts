import { findAll, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { Diagnostic } from '../errors.ts';
import { FeedmillError } from '../errors.ts';
import type { Fetcher, FetchResult } from '../fetch/index.ts';
import { parseFeed } from '../parse/index.ts';
import { instanceLabel, instanceUrl, type RsshubInstance } from './instances.ts';
import { fetchNamespaces } from './load-catalogue.ts';

/** How a route answered on an instance. */
export interface RouteCheck {
  route: string;
  ok: boolean;
  /** `12 items`, `HTTP 503`, `not a feed`, … (no URL: those carry the key). */
  detail: string;
}

/** What `feedmill rsshub check` found out about one instance. */
export interface InstanceCheck {
  /** The base URL as shown (key masked). */
  instance: string;
  /** Whether its home page gave any HTTP answer, and how long that took. */
  reachable: boolean;
  latencyMs?: number;
  /** Why it is not reachable, or the home page's status when not 2xx. */
  problem?: string;
  /** From the welcome page's debug info (`Git Hash`, `Git Date`), when the instance shows it. */
  version?: string;
  /** Routes in its /api/namespace, or why there are none. */
  catalogue: { routes: number } | { error: string };
  routes: RouteCheck[];
  /** `accepted`/`refused` for a configured key; `required` when none is set but one is wanted. */
  key: 'accepted' | 'refused' | 'required' | 'none' | 'unknown';
  /** Reachable, its key (if any) accepted, and at least one route answered with a feed. */
  healthy: boolean;
}

/**
 * Checks one instance through `fetcher` (which must mask keys): its home page (reachability,
 * latency, version), its catalogue, and each route (with the key, as a run asks for it).
 */
export async function checkInstance(
  instance: RsshubInstance,
  routes: readonly string[],
  fetcher: Fetcher,
  clock: () => number = () => performance.now(),
): Promise<InstanceCheck> {
  const check: InstanceCheck = {
    instance: instanceLabel(instance),
    reachable: false,
    catalogue: { error: 'not checked' },
    routes: [],
    key: instance.key ? 'unknown' : 'none',
    healthy: false,
  };
  // With the key: an instance with ACCESS_KEY may guard its home page too.
  const home = instanceUrl(instance, '/');
  const started = clock();
  try {
    const result = await fetcher.fetch({ kind: 'http', url: home }, {});
    check.reachable = true;
    check.latencyMs = Math.round(clock() - started);
    if (result.kind === 'fetched') {
      const version = welcomeVersion(result);
      if (version) check.version = version;
    } else {
      check.problem = answerText(result);
    }
  } catch (error) {
    const status = error instanceof FeedmillError ? error.context.status : undefined;
    check.reachable = status !== undefined;
    if (status !== undefined) check.latencyMs = Math.round(clock() - started);
    check.problem = status !== undefined ? `HTTP ${status}` : errorText(error);
  }
  if (!check.reachable) return check;
  const refusals: boolean[] = [];
  try {
    const diagnostics: Diagnostic[] = [];
    check.catalogue = { routes: (await fetchNamespaces(fetcher, instance, diagnostics)).length };
  } catch (error) {
    check.catalogue = { error: errorText(error) };
  }
  for (const route of routes) {
    const answer = await checkRoute(fetcher, instance, route);
    refusals.push(answer.refused);
    check.routes.push(answer.check);
  }
  const answered = check.routes.some((route) => route.ok);
  if (refusals.some(Boolean) && !answered) check.key = instance.key ? 'refused' : 'required';
  else if (instance.key && answered) check.key = 'accepted';
  check.healthy = answered && check.key !== 'refused' && check.key !== 'required';
  return check;
}

async function checkRoute(
  fetcher: Fetcher,
  instance: RsshubInstance,
  route: string,
): Promise<{ check: RouteCheck; refused: boolean }> {
  try {
    const result = await fetcher.fetch({ kind: 'http', url: instanceUrl(instance, route) }, {});
    if (result.kind !== 'fetched')
      return { check: { route, ok: false, detail: answerText(result) }, refused: false };
    try {
      const parsed = parseFeed(result.body, {
        url: result.url,
        ...(result.contentType ? { contentType: result.contentType } : {}),
      });
      const items = parsed.feed.items.length;
      return { check: { route, ok: true, detail: `${items} item${items === 1 ? '' : 's'}` }, refused: false };
    } catch {
      return { check: { route, ok: false, detail: 'not a feed' }, refused: false };
    }
  } catch (error) {
    const status = error instanceof FeedmillError ? error.context.status : undefined;
    // RSSHub answers 403 to a missing or wrong access key (ACCESS_KEY).
    const detail =
      status === 403 ? 'HTTP 403 (access key refused?)' : status ? `HTTP ${status}` : errorText(error);
    return { check: { route, ok: false, detail }, refused: status === 403 };
  }
}

/** `Git Hash` and `Git Date` from RSSHub's welcome page, when its debug info is shown. */
function welcomeVersion(result: Extract<FetchResult, { kind: 'fetched' }>): string | undefined {
  const type = (result.contentType ?? '').toLowerCase();
  if (!type.includes('html')) return undefined;
  const document = parseDocument(new TextDecoder('utf-8').decode(result.body));
  const facts = new Map<string, string>();
  for (const item of findAll(
    (element) => classes(element.attribs.class).includes('debug-item'),
    document.children,
  )) {
    const key = findAll((element) => classes(element.attribs.class).includes('debug-key'), item.children)[0];
    const value = findAll(
      (element) => classes(element.attribs.class).includes('debug-value'),
      item.children,
    )[0];
    if (key && value) facts.set(textContent(key).replace(/:\s*$/, '').trim(), textContent(value).trim());
  }
  const hash = facts.get('Git Hash');
  if (!hash) return undefined;
  const date = facts.get('Git Date');
  return `git ${hash.slice(0, 12)}${date ? ` (${date})` : ''}`;
}

function classes(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/);
}

function answerText(result: Exclude<FetchResult, { kind: 'fetched' }>): string {
  if (result.kind === 'retry-later') return `HTTP ${result.status}`;
  if (result.kind === 'gone') return 'HTTP 410';
  return 'HTTP 304';
}

/** The error's first line (the fetcher has masked any key in it). */
function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
}
