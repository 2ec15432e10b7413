import { openStateDatabase } from '../store/index.ts';
import type { Catalogue, CatalogueRoute } from './catalogue.ts';

/**
 * The catalogue cache: one row in the state database (migration 3), read back while younger
 * than `rsshub.catalogue_ttl_hours` and refreshed by `feedmill routes update`.
 */
export interface CatalogueCache {
  read(): Catalogue | undefined;
  write(catalogue: Catalogue): void;
  close(): void;
}

/** Opens the cache in the state database at `statePath` (creating and migrating it). */
export function openCatalogueCache(statePath: string): CatalogueCache {
  const db = openStateDatabase(statePath);
  const select = db.prepare<[], { source: string; loaded_at: string; routes: string }>(
    'SELECT source, loaded_at, routes FROM rsshub_catalogue WHERE id = 1',
  );
  const upsert = db.prepare(
    `INSERT INTO rsshub_catalogue (id, source, loaded_at, routes) VALUES (1, @source, @loadedAt, @routes)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at, routes = excluded.routes`,
  );
  return {
    read() {
      const row = select.get();
      if (!row) return undefined;
      // A damaged or foreign row is a cache miss, not an error: the catalogue is reloaded.
      let routes: unknown;
      try {
        routes = JSON.parse(row.routes);
      } catch {
        return undefined;
      }
      if (!Array.isArray(routes) || Number.isNaN(Date.parse(row.loaded_at))) return undefined;
      return { source: row.source, loadedAt: row.loaded_at, routes: routes as CatalogueRoute[] };
    },
    write(catalogue) {
      upsert.run({
        source: catalogue.source,
        loadedAt: catalogue.loadedAt,
        routes: JSON.stringify(catalogue.routes),
      });
    },
    close() {
      db.close();
    },
  };
}
