import { parseHttpDate } from './http-date.ts';

/** The response headers freshness is computed from, as node:http gives them (lower-cased). */
export interface FreshnessHeaders {
  'cache-control'?: string | undefined;
  expires?: string | undefined;
  date?: string | undefined;
  age?: string | undefined;
}

/**
 * How long a server says its answer stays fresh is honoured up to a day: a feed behind a CDN
 * that sends `max-age=31536000` must not go unread for a year.
 */
export const MAX_FRESH_MS = 24 * 60 * 60 * 1000;

/** RFC 9111 §1.2.2: a delta-seconds too large to hold counts as 2^31 seconds. */
const DELTA_SECONDS_CAP = 2 ** 31;

/**
 * For how many more milliseconds a response received at `receivedAt` stays fresh, as a private
 * cache computes it (RFC 9111 §4.2): its freshness lifetime (`max-age`, else `Expires` minus
 * `Date`; `s-maxage` is for shared caches) less its current age (`Age`, or how old its `Date`
 * was on arrival, whichever is more). 0 when the response is stale, must be revalidated
 * (`no-cache`, `no-store`) or carries an invalid or repeated `max-age` or an invalid `Expires`
 * (which §4.2.1 and §5.3 say to treat as stale); undefined when the server says nothing.
 * Heuristic freshness (§4.2.2) is never used: only a server's explicit word may delay a check.
 * Capped at MAX_FRESH_MS.
 */
export function freshForMs(headers: FreshnessHeaders, receivedAt: number): number | undefined {
  const directives = cacheDirectives(headers['cache-control']);
  if (directives.has('no-store') || directives.has('no-cache')) return 0;
  // Most answers say nothing: their Date is not worth parsing.
  if (!directives.has('max-age') && headers.expires === undefined) return undefined;
  const date = headers.date === undefined ? undefined : parseHttpDate(headers.date, receivedAt);
  const lifetime = freshnessLifetime(directives, headers.expires, date ?? receivedAt, receivedAt);
  if (lifetime === undefined) return undefined;
  const remaining = lifetime - currentAge(headers.age, date, receivedAt);
  return Math.min(Math.max(0, remaining), MAX_FRESH_MS);
}

/** `origin`: the response's Date, or when it arrived if it has none (RFC 9111 §4.2.1). */
function freshnessLifetime(
  directives: ReadonlyMap<string, (string | undefined)[]>,
  expires: string | undefined,
  origin: number,
  receivedAt: number,
): number | undefined {
  const maxAge = directives.get('max-age');
  if (maxAge !== undefined) {
    const seconds = maxAge.length === 1 ? deltaSeconds(maxAge[0]) : undefined;
    return seconds === undefined ? 0 : seconds * 1000;
  }
  if (expires === undefined) return undefined;
  // Of several Expires lines node:http keeps the first, which RFC 9111 §4.2.1 allows using.
  const at = parseHttpDate(expires, receivedAt);
  if (at === undefined) return 0;
  return at - origin;
}

/** RFC 9111 §4.2.3, with the response delay and resident time taken as nil. */
function currentAge(ageHeader: string | undefined, date: number | undefined, receivedAt: number): number {
  const age = ageHeader === undefined ? undefined : deltaSeconds(ageHeader);
  const apparent = date === undefined ? 0 : Math.max(0, receivedAt - date);
  return Math.max(apparent, (age ?? 0) * 1000);
}

/** `delta-seconds` (RFC 9111 §1.2.2): digits only. */
function deltaSeconds(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Math.min(Number(text), DELTA_SECONDS_CAP);
}

/**
 * Cache-Control's directives by lower-cased name, each with every argument it was given
 * (`token` or `quoted-string`, both accepted as RFC 9111 §5.2 asks of recipients). Elements are
 * split at commas outside quoted strings; empty ones (`a, , b`) are skipped, as lists allow.
 */
function cacheDirectives(value: string | undefined): Map<string, (string | undefined)[]> {
  const directives = new Map<string, (string | undefined)[]>();
  if (value === undefined) return directives;
  for (const element of value.match(/(?:[^,"]|"(?:[^"\\]|\\.)*"?)+/g) ?? []) {
    const equals = element.indexOf('=');
    const name = (equals < 0 ? element : element.slice(0, equals)).trim().toLowerCase();
    if (name === '') continue;
    let argument = equals < 0 ? undefined : element.slice(equals + 1).trim();
    if (argument?.startsWith('"')) argument = argument.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
    directives.set(name, [...(directives.get(name) ?? []), argument]);
  }
  return directives;
}
