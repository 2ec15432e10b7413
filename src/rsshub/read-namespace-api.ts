import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import type { CatalogueRoute } from './catalogue.ts';
import { normalizeRoutePath } from './find-route.ts';

// RSSHub v2's /api/namespace: { [namespace]: { name, url, lang, routes: { [path]: route } } }.
// Lenient per field (a bad route is skipped with a diagnostic), strict about the top-level shape.
const parameterSchema = z.union([z.string(), z.object({ description: z.string().optional() }).loose()]);
const routeSchema = z
  .object({
    path: z.union([z.string(), z.array(z.string())]).optional(),
    name: z.string().optional(),
    example: z.string().optional(),
    categories: z.array(z.string()).optional(),
    parameters: z.record(z.string(), parameterSchema).optional(),
    maintainers: z.array(z.string()).optional(),
  })
  .loose();
const namespaceSchema = z
  .object({
    name: z.string().optional(),
    url: z.string().optional(),
    lang: z.string().optional(),
    routes: z.record(z.string(), z.unknown()).optional(),
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
    for (const [key, rawRoute] of Object.entries(parsed.data.routes ?? {})) {
      const route = routeSchema.safeParse(rawRoute);
      if (!route.success) {
        diagnostics.push({ code: 'rsshub-route-invalid', message: `route ${namespace}${key} is not usable` });
        continue;
      }
      routes.push(toRoute(namespace, key, parsed.data, route.data));
    }
  }
  return routes;
}

function toRoute(
  namespace: string,
  key: string,
  info: z.infer<typeof namespaceSchema>,
  route: z.infer<typeof routeSchema>,
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
    categories: route.categories ?? [],
    parameters,
    maintainers: route.maintainers ?? [],
  };
  if (route.example?.trim()) result.example = normalizeRoutePath(route.example);
  if (info.url) result.url = info.url.includes('://') ? info.url : `https://${info.url}`;
  return result;
}
