import { type LoadedConfig, loadConfig, requireSqliteState } from '../../config/index.ts';
import { createFetcher } from '../../fetch/index.ts';
import { fetchOptionsOf } from '../../pipeline/index.ts';
import {
  type Catalogue,
  type CatalogueLoad,
  type CatalogueRoute,
  instanceSecrets,
  type LabelOptions,
  redactingFetcher,
  requireCatalogue,
  routeCategories,
  toInstances,
} from '../../rsshub/index.ts';
import { loadRunCatalogue } from '../../subscriptions/index.ts';
import type { Output } from '../output.ts';
import { userAgent } from '../version.ts';

/** What every `feedmill routes …` subcommand works with. */
export interface RoutesContext {
  loaded: LoadedConfig;
  catalogue: Catalogue;
  load: CatalogueLoad;
  labels: LabelOptions;
}

/** Loads the config and the catalogue (cache, instances, docs), printing what went wrong on the way. */
export async function loadRoutesContext(
  configPath: string,
  output: Output,
  refresh = false,
): Promise<RoutesContext> {
  const loaded = requireSqliteState(loadConfig(configPath), 'routes');
  // The config's http: limits apply here too; the kept-alive connections close once loaded.
  const fetcher = redactingFetcher(
    createFetcher(fetchOptionsOf(loaded.config, userAgent())),
    instanceSecrets(toInstances(loaded.config.rsshub.instances)),
  );
  let load: Awaited<ReturnType<typeof loadRunCatalogue>>;
  try {
    load = await loadRunCatalogue(loaded, { fetcher, now: () => new Date(), refresh });
  } finally {
    fetcher.close?.();
  }
  const catalogue = requireCatalogue(load);
  for (const diagnostic of load.diagnostics) output.err(`warning: ${diagnostic.message}\n`);
  const labels: LabelOptions = { lang: loaded.config.rsshub.lang };
  if (loaded.config.rsshub.category_labels) labels.overrides = loaded.config.rsshub.category_labels;
  return { loaded, catalogue, load, labels };
}

/** One line per route: pattern, then category / site / name, then the example when it differs. */
export function describeRoutes(routes: readonly CatalogueRoute[], labels: LabelOptions): string {
  if (routes.length === 0) return '';
  const width = Math.min(48, Math.max(...routes.map((route) => route.path.length)));
  return routes
    .map((route) => {
      const example = route.example && route.example !== route.path ? `  (e.g. ${route.example})` : '';
      return `${route.path.padEnd(width)}  ${routeCategories(route, labels).join(' / ')}${example}\n`;
    })
    .join('');
}

/** Routes as JSON, with the categories they would be filed under. */
export function routesJson(routes: readonly CatalogueRoute[], labels: LabelOptions): string {
  return `${JSON.stringify(
    routes.map((route) => ({ ...route, filedUnder: routeCategories(route, labels) })),
    null,
    2,
  )}\n`;
}
