import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { FeedmillError } from '../errors.ts';
import type { Catalogue, CatalogueRoute } from './catalogue.ts';

/**
 * The catalogue cache. It lives in its own small SQLite file next to state.db rather than in
 * the state database: it is disposable (deleting it costs one download), has its own schema
 * life, and keeps the state database's migrations about posts only.
 */
export interface CatalogueCache {
  read(): Catalogue | undefined;
  write(catalogue: Catalogue): void;
  close(): void;
}

/** Where the cache sits for a given state database path. */
export function catalogueCachePath(statePath: string): string {
  return join(dirname(statePath), 'rsshub-catalogue.db');
}

/** Opens (creating) the cache file. */
export function openCatalogueCache(path: string): CatalogueCache {
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS catalogue (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      source TEXT NOT NULL,
      loaded_at TEXT NOT NULL,
      routes TEXT NOT NULL
    )`);
  } catch (error) {
    throw new FeedmillError(
      'STATE_FAILED',
      `cannot open catalogue cache ${path}: ${(error as Error).message}`,
      {
        path,
      },
    );
  }
  const select = db.prepare<[], { source: string; loaded_at: string; routes: string }>(
    'SELECT source, loaded_at, routes FROM catalogue WHERE id = 1',
  );
  const upsert = db.prepare(
    `INSERT INTO catalogue (id, source, loaded_at, routes) VALUES (1, @source, @loadedAt, @routes)
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
