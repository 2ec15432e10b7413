/**
 * RSSHub's common query parameters (docs.rsshub.app, "Parameters"): they filter, limit and
 * transform any route's output on the instance, so they travel with the route to every instance.
 */

/** The parameter names in the order they are written into URLs (stable URLs, stable caches). */
export const RSSHUB_QUERY_PARAMETERS = [
  'filter',
  'filter_title',
  'filter_description',
  'filter_author',
  'filter_category',
  'filter_time',
  'filterout',
  'filterout_title',
  'filterout_description',
  'filterout_author',
  'filterout_category',
  'filter_case_sensitive',
  'limit',
  'sorted',
  'mode',
  'opencc',
  'brief',
  'scihub',
] as const;

/**
 * Parameters RSSHub turns on by their mere presence (`scihub=false` is on too): sent only when
 * true, and a `false` removes one written into the route.
 */
const PRESENCE_FLAGS: ReadonlySet<string> = new Set(['scihub']);

/** One feed's RSSHub query parameters; absent ones are not sent. */
export type RsshubQuery = Partial<
  Record<(typeof RSSHUB_QUERY_PARAMETERS)[number], string | number | boolean>
>;

/**
 * `route` (a path, maybe with its own query) with `query` merged in: a configured parameter
 * replaces one written into the path. The access key is never part of it (see instanceUrl).
 */
export function withRouteQuery(route: string, query: RsshubQuery | undefined): string {
  if (!query) return route;
  const [pathname = '', written = ''] = route.split(/\?(.*)/s, 2);
  const params = new URLSearchParams(written);
  for (const name of RSSHUB_QUERY_PARAMETERS) {
    const value = query[name];
    if (value === false && PRESENCE_FLAGS.has(name)) params.delete(name);
    else if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${pathname}?${text}` : pathname;
}
