import { dirname, resolve } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import type { Diagnostic } from '../errors.ts';
import type { Fetcher } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { type CatalogueLoad, loadCatalogue, openCatalogueCache, toInstances } from '../rsshub/index.ts';
import { needsCatalogue, resolveSubscriptions } from './resolve-subscriptions.ts';

/** What a run needs before it starts: its subscriptions and the warnings met resolving them. */
export interface PreparedSubscriptions {
  subscriptions: Subscription[];
  warnings: (Diagnostic & { feed?: string })[];
  /** Where the catalogue came from; absent when no feed needed it. */
  catalogue?: CatalogueLoad['from'];
}

/**
 * Resolves the configured feeds, loading the RSSHub catalogue once (cache, instances, docs)
 * when a route needs categories or an example path. `fetcher` must already mask access keys.
 */
export async function prepareSubscriptions(
  loaded: LoadedConfig,
  deps: { fetcher: Fetcher; now: () => Date; readOnly?: boolean },
): Promise<PreparedSubscriptions> {
  const warnings: PreparedSubscriptions['warnings'] = [];
  if (!needsCatalogue(loaded.config)) {
    return { subscriptions: resolveSubscriptions(loaded), warnings };
  }
  const load = await loadRunCatalogue(loaded, deps);
  warnings.push(...load.diagnostics);
  if (!load.catalogue) {
    warnings.push({
      code: 'rsshub-catalogue-unavailable',
      message:
        'no RSSHub route catalogue: RSSHub feeds without categories wait until one can be loaded (nothing of them is written)',
    });
  }
  const subscriptions = resolveSubscriptions(loaded, {
    ...(load.catalogue ? { catalogue: load.catalogue } : { catalogueUnavailable: true }),
    onWarning: (warning) => warnings.push(warning),
  });
  return { subscriptions, warnings, catalogue: load.from };
}

/** Loads the catalogue as configured (cache in the state database; docs relative to the config). */
export async function loadRunCatalogue(
  loaded: LoadedConfig,
  deps: { fetcher: Fetcher; now: () => Date; refresh?: boolean; readOnly?: boolean },
): Promise<CatalogueLoad> {
  const { rsshub } = loaded.config;
  // A dry run neither creates nor migrates nor updates the state database.
  const cache = openCatalogueCache(loaded.statePath, { readOnly: deps.readOnly === true });
  try {
    return await loadCatalogue({
      instances: toInstances(rsshub.instances),
      docs: rsshub.docs.map((path) => resolve(dirname(loaded.file), path)),
      fetcher: deps.fetcher,
      cache,
      ttlMs: rsshub.catalogue_ttl_hours * 3_600_000,
      now: deps.now,
      ...(deps.refresh ? { refresh: true } : {}),
    });
  } finally {
    cache.close();
  }
}
