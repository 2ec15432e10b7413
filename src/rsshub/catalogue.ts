import { type CategoryLang, categoryLabel, type LabelOptions, primaryCategory } from './category-labels.ts';

/** One RSSHub route as feedmill knows it, whichever source described it. */
export interface CatalogueRoute {
  /** Namespace key, the route's first path segment (`sina`). */
  namespace: string;
  /** The namespace's display name, i.e. the site (`新浪`). */
  namespaceName: string;
  /** Full route pattern including the namespace (`/sina/finance/china/:lid?`). */
  path: string;
  /** The route's display name (`财经－国內`). */
  name: string;
  /** A working concrete path (`/sina/finance/china`); v1 docs sometimes have none. */
  example?: string;
  /** RSSHub category keys (`traditional-media`), in the order RSSHub lists them. */
  categories: string[];
  /** The category heading written in a v1 docs page (`金融`), shown as is when it names no known key. */
  categoryTitle?: string;
  /** Parameter name → description. */
  parameters: Record<string, string>;
  maintainers: string[];
  /** The site's home page, when known. */
  url?: string;
  /**
   * The site's and the route's names in RSSHub's other documentation languages (its `zh`,
   * `zh-TW` and `ja` entries), where they differ from the names above.
   */
  translations?: Partial<Record<TranslationLang, RouteNames>>;
}

/** The languages RSSHub documents routes in besides English. */
export type TranslationLang = 'zh' | 'zh-TW' | 'ja';

/** A route's site and route names in one language. */
export interface RouteNames {
  site?: string;
  route?: string;
}

/** A loaded catalogue: where it came from and its routes. */
export interface Catalogue {
  /** `https://instance/api/namespace` (key redacted) or the docs paths it was read from. */
  source: string;
  /** When it was loaded (ISO 8601). */
  loadedAt: string;
  routes: CatalogueRoute[];
}

/** Label options plus the display language, as configured under `rsshub`. */
export type { CategoryLang, LabelOptions };

/** `[category label, site, route name]`: the folder path of a route's posts (the seed's 金融 / 新浪财经 / 新浪财经－国內). */
export function routeCategories(route: CatalogueRoute, labels: LabelOptions): string[] {
  const names = localNames(route, labels.lang);
  return [routeCategoryLabel(route, labels), names.site, names.route];
}

/**
 * A route's site and route names in the labels' language: with `zh`, RSSHub's Chinese names
 * where it gives them (an English-named route such as Minecraft's news has `zh.name`), so that
 * all three categories read in one language, as RSSHub's Chinese documentation files them.
 */
export function localNames(route: CatalogueRoute, lang: CategoryLang): { site: string; route: string } {
  const names = lang === 'zh' ? route.translations?.zh : undefined;
  return { site: names?.site ?? route.namespaceName, route: names?.route ?? route.name };
}

/**
 * The display label of a route's category: the label of its first non-`popular` key in the
 * configured language (or the user's override); a v1 heading with no known key is shown as written.
 */
export function routeCategoryLabel(route: CatalogueRoute, labels: LabelOptions): string {
  if (route.categories.length === 0 && route.categoryTitle !== undefined) return route.categoryTitle;
  return categoryLabel(primaryCategory(route.categories), labels);
}
