import type { Catalogue, CatalogueRoute } from './catalogue.ts';
import { matchPattern, splitPath } from './route-path.ts';

/**
 * The catalogue route a path refers to: the route whose pattern is exactly `path`, else the
 * most specific pattern that serves the concrete path. Undefined when none does.
 */
export function findRoute(catalogue: Catalogue, path: string): CatalogueRoute | undefined {
  const wanted = normalizeRoutePath(path);
  const exact = catalogue.routes.find((route) => route.path === wanted);
  if (exact) return exact;
  let best: CatalogueRoute | undefined;
  let bestScore = -1;
  for (const route of catalogue.routes) {
    const score = matchPattern(route.path, wanted);
    if (score > bestScore) {
      best = route;
      bestScore = score;
    }
  }
  return best;
}

/** `sina/finance/` → `/sina/finance`: one leading slash, no trailing one, query kept apart. */
export function normalizeRoutePath(path: string): string {
  return `/${splitPath(path.trim()).join('/')}`;
}

/**
 * Routes whose path, name, site or namespace (in any language RSSHub names them in) contains
 * `text` (case-insensitive), for `routes search`.
 */
export function searchRoutes(
  catalogue: Catalogue,
  text: string,
  extra?: (route: CatalogueRoute) => string[],
): CatalogueRoute[] {
  const needle = text.trim().toLowerCase();
  return catalogue.routes.filter((route) =>
    [
      route.path,
      route.name,
      route.namespaceName,
      route.namespace,
      ...route.categories,
      ...Object.values(route.translations ?? {}).flatMap((names) => [names.site, names.route]),
      ...(extra?.(route) ?? []),
    ].some((field) => field?.toLowerCase().includes(needle)),
  );
}
