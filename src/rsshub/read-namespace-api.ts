import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import type { CatalogueRoute, RouteNames, TranslationLang } from './catalogue.ts';
import { normalizeRoutePath } from './find-route.ts';

// RSSHub v2's /api/namespace: { [namespace]: { name, url, lang, categories, routes: { [path]: route } } }.
// Lenient per field (a bad route is skipped with a diagnostic), strict about the top-level shape.

// A namespace's or route's names in another documentation language: `zh`, `zh-TW`, `ja`.
const translationSchema = z.object({ name: z.string().optional() }).loose();
const translationsShape = {
  zh: translationSchema.optional().catch(undefined),
  'zh-TW': translationSchema.optional().catch(undefined),
  ja: translationSchema.optional().catch(undefined),
};
const parameterSchema = z.union([z.string(), z.object({ description: z.string().optional() }).loose()]);
const routeSchema = z
  .object({
    path: z.union([z.string(), z.array(z.string())]).optional(),
    name: z.string().optional(),
    example: z.string().optional(),
    categories: z.array(z.string()).optional(),
    parameters: z.record(z.string(), parameterSchema).optional(),
    maintainers: z.array(z.string()).optional(),
    url: z.string().optional(),
    ...translationsShape,
  })
  .loose();
const namespaceSchema = z
  .object({
    name: z.string().optional(),
    url: z.string().optional(),
    lang: z.string().optional(),
    categories: z.array(z.string()).optional(),
    routes: z.record(z.string(), z.unknown()).optional(),
    ...translationsShape,
  })
  .loose();
const documentSchema = z.record(z.string(), z.unknown());

/** Reads an /api/namespace answer into catalogue routes; unusable entries become diagnostics. */
export function readNamespaceApi(json: unknown, diagnostics: Diagnostic[]): CatalogueRoute[] {
  const document = documentSchema.safeParse(json);
  if (!document.success || Array.isArray(json)) {
    throw new TypeError('expected a JSON object keyed by namespace');
  }
  const routes: CatalogueRoute[] = [];
  for (const [namespace, value] of Object.entries(document.data)) {
    const parsed = namespaceSchema.safeParse(value);
    if (!parsed.success) {
      diagnostics.push({
        code: 'rsshub-namespace-invalid',
        message: `namespace ${namespace} is not an object`,
      });
      continue;
    }
    const usable: [string, z.infer<typeof routeSchema>][] = [];
    for (const [key, rawRoute] of Object.entries(parsed.data.routes ?? {})) {
      const route = routeSchema.safeParse(rawRoute);
      if (!route.success) {
        diagnostics.push({ code: 'rsshub-route-invalid', message: `route ${namespace}${key} is not usable` });
        continue;
      }
      usable.push([key, route.data]);
    }
    const fallback = fallbackCategories(parsed.data, usable);
    for (const [key, route] of usable) routes.push(toRoute(namespace, key, parsed.data, route, fallback));
  }
  return routes;
}

/**
 * The categories of a namespace's routes that list none, as RSSHub files them (its docs and
 * radar builds): the namespace's own, else the first category of the first route that has one.
 */
function fallbackCategories(
  info: z.infer<typeof namespaceSchema>,
  routes: readonly [string, z.infer<typeof routeSchema>][],
): string[] {
  if (info.categories?.length) return info.categories;
  const first = routes.find(([, route]) => route.categories?.length)?.[1].categories?.[0];
  return first === undefined ? [] : [first];
}

function toRoute(
  namespace: string,
  key: string,
  info: z.infer<typeof namespaceSchema>,
  route: z.infer<typeof routeSchema>,
  fallback: string[],
): CatalogueRoute {
  // The record key is the route's own path (relative to the namespace); `path` may list aliases.
  const relative = key || (Array.isArray(route.path) ? route.path[0] : route.path) || '/';
  const parameters: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(route.parameters ?? {})) {
    parameters[name] = typeof parameter === 'string' ? parameter : (parameter.description ?? '');
  }
  const result: CatalogueRoute = {
    namespace,
    namespaceName: info.name?.trim() || namespace,
    path: normalizeRoutePath(`/${namespace}/${relative}`),
    name: route.name?.trim() || relative,
    categories: route.categories ?? [...fallback],
    parameters,
    maintainers: route.maintainers ?? [],
  };
  if (route.example?.trim()) result.example = normalizeRoutePath(route.example);
  // A route may name its own page of the site (`weekly.caixin.com/`); else the namespace's.
  const url = route.url?.trim() || info.url?.trim();
  if (url) result.url = url.includes('://') ? url : `https://${url}`;
  const translations = readTranslations(info, route, result);
  if (translations) result.translations = translations;
  return result;
}

/** The site's and route's names in RSSHub's other languages, where they differ from its own (a bad entry is none). */
function readTranslations(
  info: z.infer<typeof namespaceSchema>,
  route: z.infer<typeof routeSchema>,
  own: CatalogueRoute,
): CatalogueRoute['translations'] {
  const translations: NonNullable<CatalogueRoute['translations']> = {};
  for (const lang of TRANSLATION_LANGS) {
    const site = info[lang]?.name?.trim();
    const name = route[lang]?.name?.trim();
    const names: RouteNames = {};
    if (site && site !== own.namespaceName) names.site = site;
    if (name && name !== own.name) names.route = name;
    if (names.site !== undefined || names.route !== undefined) translations[lang] = names;
  }
  return Object.keys(translations).length > 0 ? translations : undefined;
}

const TRANSLATION_LANGS: readonly TranslationLang[] = ['zh', 'zh-TW', 'ja'];
