import { dirname, resolve } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import type { Fetcher } from '../fetch/index.ts';
import {
  type Catalogue,
  type CatalogueCache,
  type CatalogueLoad,
  type CatalogueRoute,
  instanceSecrets,
  loadCatalogue,
  redactingFetcher,
  toInstances,
} from '../rsshub/index.ts';
import type { AsyncStore, CachedDocument } from '../store/index.ts';

/**
 * Loads the RSSHub route catalogue as `feedmill run` does (fresh cache, instances, docs, stale
 * cache), with the cache kept in the PostgreSQL state so that every worker shares it.
 */
export async function loadWorkerCatalogue(
  loaded: LoadedConfig,
  deps: { store: AsyncStore; fetcher: Fetcher; now: () => Date },
): Promise<CatalogueLoad> {
  const { rsshub } = loaded.config;
  const instances = toInstances(rsshub.instances);
  const cached = toCatalogue(await deps.store.readCache('rsshub-catalogue'));
  let fetched: Catalogue | undefined;
  // loadCatalogue reads and writes its cache synchronously: the document is read before and
  // a new catalogue saved after. Workers loading at once each save theirs; the last one stays.
  const cache: CatalogueCache = {
    read: () => cached,
    write: (catalogue) => {
      fetched = catalogue;
    },
    close() {},
  };
  const load = await loadCatalogue({
    instances,
    docs: rsshub.docs.map((path) => resolve(dirname(loaded.file), path)),
    fetcher: redactingFetcher(deps.fetcher, instanceSecrets(instances)),
    cache,
    ttlMs: rsshub.catalogue_ttl_hours * 3_600_000,
    now: deps.now,
  });
  if (fetched) {
    const document: CachedDocument = {
      source: fetched.source,
      loadedAt: fetched.loadedAt,
      body: JSON.stringify(fetched.routes),
    };
    try {
      await deps.store.writeCache('rsshub-catalogue', document);
    } catch (error) {
      // The catalogue is used all the same; the next load fetches it again.
      load.diagnostics.push({
        code: 'rsshub-catalogue-unavailable',
        message: `the route catalogue could not be cached: ${(error as Error).message}`,
      });
    }
  }
  return load;
}

/** A damaged or foreign document is a cache miss, not an error: the catalogue is reloaded. */
function toCatalogue(document: CachedDocument | undefined): Catalogue | undefined {
  if (!document || Number.isNaN(Date.parse(document.loadedAt))) return undefined;
  let routes: unknown;
  try {
    routes = JSON.parse(document.body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(routes)) return undefined;
  return { source: document.source, loadedAt: document.loadedAt, routes: routes as CatalogueRoute[] };
}
