import type Database from 'better-sqlite3';
import { FeedmillError } from '../errors.ts';
import type { AsyncStore, CachedDocument, CacheName } from './async-store.ts';
import { readFeedStatus, recordNextChecks } from './feed-status.ts';
import { foldPath } from './fold-path.ts';
import { applyInstanceHealthChange } from './instance-health-change.ts';
import { HEALTH_COLUMNS, type HealthRow, healthValues, toHealth } from './instance-health-rows.ts';
import { openStateDatabase, type Store } from './open-store.ts';
import { stateError } from './state-error.ts';
import type { ItemRecord } from './store-records.ts';

/**
 * The embedded SQLite store behind the asynchronous interface. Each call runs synchronously
 * to its end before the promise settles, so within one process a check and the journal entry
 * it guards can never interleave with another caller's: the single writer is the guarantee.
 * `statePath` is the store's file, read for status and the catalogue cache.
 */
export function asyncFromSqlite(store: Store, statePath: string): AsyncStore {
  let cacheDb: Database.Database | undefined;
  const cache = () => {
    cacheDb ??= openStateDatabase(statePath);
    return cacheDb;
  };
  // Promise.resolve().then(...) would let callers interleave; running first and wrapping after
  // keeps each call atomic while still turning a thrown error into a rejection.
  const run = async <T>(work: () => T): Promise<T> => work();

  /** The journalled or recorded (feed, key) that holds a folded path, if not `feedId`/`key`. */
  const heldByOther = (feedId: number, record: ItemRecord): boolean => {
    if (!store.isPathTaken(record.postPath)) return false;
    const fold = foldPath(record.postPath);
    const own = store.items(feedId).get(record.key);
    if (own && foldPath(own.postPath) === fold) return false;
    return !store
      .pendingChanges()
      .some(
        (change) =>
          change.feedId === feedId && change.key === record.key && foldPath(change.postPath) === fold,
      );
  };

  return {
    backend: 'sqlite',
    isFresh: () => run(() => store.fresh),
    feed: (url, name) => run(() => store.feed(url, name)),
    moveFeed: (name, url, configured) => run(() => store.moveFeed(name, url, configured)),
    findFeed: (url) => run(() => store.findFeed(url)),
    items: (feedId) => run(() => store.items(feedId)),
    prunedKeys: (feedId) => run(() => store.prunedKeys(feedId)),
    isPathTaken: (path) => run(() => store.isPathTaken(path)),
    countItems: () => run(() => store.countItems()),
    allItems: () => run(() => store.allItems()),
    // The check and the journal run synchronously together; the promise settles once durable.
    beginWrites: async (feedId, changes) =>
      run(() => {
        const folds = new Set<string>();
        for (const change of changes) {
          const fold = foldPath(change.postPath);
          if (folds.has(fold) || heldByOther(feedId, change)) throw pathTaken(change.postPath);
          folds.add(fold);
        }
        return store.beginWrites(feedId, changes);
      }),
    recordSuccess: (feedId, records, update) => run(() => store.recordSuccess(feedId, records, update)),
    recordNotModified: (feedId, update) => run(() => store.recordNotModified(feedId, update)),
    recordFailure: (feedId, code, message, nextCheck) =>
      run(() => store.recordFailure(feedId, code, message, nextCheck)),
    markGone: (feedId, message) => run(() => store.markGone(feedId, message)),
    pendingChanges: () => run(() => store.pendingChanges()),
    settlePending: (adopt, drop) => run(() => store.settlePending(adopt, drop)),
    markMissing: (items) => run(() => store.markMissing(items)),
    beginPrune: (items, now) => run(() => store.beginPrune(items, now)),
    clearPending: (changes) => run(() => store.clearPending(changes)),
    insertItems: (feedId, records) => run(() => insertFree(store, feedId, records)),
    adoptItems: (groups) =>
      run(() =>
        store.atomically(() =>
          groups.map(({ feedUrl, records }) => insertFree(store, store.feed(feedUrl).id, records).length),
        ),
      ),
    renameItems: (feedId, renames) => run(() => store.renameItems(feedId, renames)),
    mergeFeed: (from, into) => run(() => store.mergeFeed(from, into)),
    processorValue: (feedId, processor, key) => run(() => store.processorValue(feedId, processor, key)),
    setProcessorValue: (feedId, processor, key, value) =>
      run(() => store.setProcessorValue(feedId, processor, key, value)),
    forgetProcessorValues: (feedId, current) => run(() => store.forgetProcessorValues(feedId, current)),
    readCache: (name) =>
      run(() => {
        const [table, column] = CACHE_TABLES[name];
        const row = guard(statePath, 'read', () =>
          cache()
            .prepare<[], { source: string; loaded_at: string; body: string }>(
              `SELECT source, loaded_at, ${column} AS body FROM ${table} WHERE id = 1`,
            )
            .get(),
        );
        return row ? { source: row.source, loadedAt: row.loaded_at, body: row.body } : undefined;
      }),
    writeCache: (name, document: CachedDocument) =>
      run(() => {
        const [table, column] = CACHE_TABLES[name];
        guard(statePath, 'update', () =>
          cache()
            .prepare(
              `INSERT INTO ${table} (id, source, loaded_at, ${column}) VALUES (1, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at,
                 ${column} = excluded.${column}`,
            )
            .run(document.source, document.loadedAt, document.body),
        );
      }),
    instanceHealth: () =>
      run(() =>
        guard(statePath, 'read', () =>
          cache()
            .prepare<[], HealthRow>(`SELECT ${HEALTH_COLUMNS} FROM rsshub_instances ORDER BY instance`)
            .all()
            .map(toHealth),
        ),
      ),
    changeInstanceHealth: (instance, change) =>
      run(() =>
        guard(statePath, 'update', () => {
          const db = cache();
          // Read and write in one transaction: atomic against other connections to the file too.
          return db
            .transaction(() => {
              const row = db
                .prepare<[string], HealthRow>(
                  `SELECT ${HEALTH_COLUMNS} FROM rsshub_instances WHERE instance = ?`,
                )
                .get(instance);
              const after = applyInstanceHealthChange(
                row ? toHealth(row) : { instance, consecutiveFailures: 0 },
                change,
              );
              db.prepare(
                `INSERT OR REPLACE INTO rsshub_instances (${HEALTH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
              ).run(...healthValues(after));
              return after;
            })
            .immediate();
        }),
      ),
    // Both open the file anew: what the store holds back is written first.
    feedStatuses: () =>
      run(() => {
        store.flush();
        return readFeedStatus(statePath);
      }),
    recordNextChecks: (nextChecks) =>
      run(() => {
        store.flush();
        recordNextChecks(statePath, nextChecks);
      }),
    close: () =>
      run(() => {
        cacheDb?.close();
        store.close();
      }),
  };
}

/** Where SQLite keeps each cached document: its table and the column of its JSON. */
const CACHE_TABLES: Record<CacheName, [string, string]> = {
  'rsshub-catalogue': ['rsshub_catalogue', 'routes'],
  'rsshub-radar-rules': ['rsshub_radar_rules', 'rules'],
};

function guard<T>(path: string, doing: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw stateError(error, path, doing);
  }
}

/** A post path already held by another item or journalled change (compared folded). */
/** Inserts the records whose path no row holds, folded: SQLite's UNIQUE is on the exact path. */
function insertFree(store: Store, feedId: number, records: readonly ItemRecord[]): ItemRecord[] {
  const folds = new Set<string>();
  const free = records.filter((record) => {
    const fold = foldPath(record.postPath);
    if (folds.has(fold) || store.isPathTaken(record.postPath)) return false;
    folds.add(fold);
    return true;
  });
  return store.insertItems(feedId, free);
}

export function pathTaken(postPath: string): FeedmillError {
  return new FeedmillError(
    'PATH_TAKEN',
    `the post path ${postPath} is already held by another item (compared case- and normalization-insensitively)`,
    { path: postPath },
  );
}
