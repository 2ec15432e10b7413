import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openStateDatabase, SqliteDatabase } from '../store/index.ts';
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

/**
 * Opens the cache in the state database at `statePath` (creating and migrating it). Read-only
 * (dry runs) leaves the database as it is: a missing one, or one without the table, is a miss,
 * and a freshly loaded catalogue is not stored.
 */
export function openCatalogueCache(statePath: string, options: { readOnly?: boolean } = {}): CatalogueCache {
  if (options.readOnly) return readOnlyCache(statePath);
  const db = openStateDatabase(statePath);
  const select = db.prepare<[], CatalogueRow>(SELECT_CATALOGUE);
  const upsert = db.prepare(
    `INSERT INTO rsshub_catalogue (id, source, loaded_at, routes) VALUES (1, @source, @loadedAt, @routes)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at, routes = excluded.routes`,
  );
  return {
    read: () => toCatalogue(select.get()),
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

type CatalogueRow = { source: string; loaded_at: string; routes: string };
const SELECT_CATALOGUE = 'SELECT source, loaded_at, routes FROM rsshub_catalogue WHERE id = 1';

function readOnlyCache(statePath: string): CatalogueCache {
  const nothing: CatalogueCache = { read: () => undefined, write() {}, close() {} };
  if (statePath === ':memory:' || !existsSync(statePath)) return nothing;
  let db: Database.Database;
  let row: CatalogueRow | undefined;
  try {
    db = new SqliteDatabase(statePath, { readonly: true, fileMustExist: true });
  } catch {
    return nothing;
  }
  try {
    row = db.prepare<[], CatalogueRow>(SELECT_CATALOGUE).get();
  } catch {
    // A database from before migration 3 has no catalogue table yet.
  } finally {
    db.close();
  }
  return { ...nothing, read: () => toCatalogue(row) };
}

/** A damaged or foreign row is a cache miss, not an error: the catalogue is reloaded. */
function toCatalogue(row: CatalogueRow | undefined): Catalogue | undefined {
  if (!row) return undefined;
  let routes: unknown;
  try {
    routes = JSON.parse(row.routes);
  } catch {
    return undefined;
  }
  if (!Array.isArray(routes) || Number.isNaN(Date.parse(row.loaded_at))) return undefined;
  return { source: row.source, loadedAt: row.loaded_at, routes: routes as CatalogueRoute[] };
}
