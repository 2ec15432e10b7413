import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { createFileSync } from '../file-sync.ts';
import { checkIntegrity } from './check-integrity.ts';
import { foldPath } from './fold-path.ts';
import { createImageRecords, type ImageRecords } from './image-records.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteDatabase } from './sqlite-driver.ts';
import { stateError } from './state-error.ts';
import type {
  ItemRecord,
  MovedFeed,
  NotModifiedUpdate,
  PendingChange,
  SiteItem,
  StoredFeed,
  StoredItem,
  SuccessUpdate,
} from './store-records.ts';

/** The state database, with queries named by intent. */
export interface Store {
  /**
   * True when the database records nothing yet (no feed row): just created (first run, or the
   * state was lost), or left by a run killed before it recorded anything.
   */
  readonly fresh: boolean;
  /** Runs `work` in one transaction: all of its writes land, or none (adopting posts). */
  atomically<T>(work: () => T): T;
  /**
   * The feed row for a configured source, created on first use. `name` is the feed's name in
   * the config (null: unnamed), recorded for moveFeed; undefined leaves the recorded one.
   */
  feed(url: string, name?: string | null): StoredFeed;
  /**
   * A named feed whose url was edited in the config: the row recorded under `name` whose url is
   * not in `configured` becomes `url`'s row (see docs/runs-state-and-http.md), in one transaction.
   * Nothing happens (undefined) when `url` has a row already or no row qualifies.
   */
  moveFeed(name: string, url: string, configured: ReadonlySet<string>): MovedFeed | undefined;
  /** The feed row for a configured source, if it was ever run. */
  findFeed(url: string): StoredFeed | undefined;
  /** Every feed row's url, in one scan (a tenth of the cost of a lookup per configured feed). */
  feedUrls(): Set<string>;
  items(feedId: number): Map<string, StoredItem>;
  /** Keys deleted by retention: never written again. */
  prunedKeys(feedId: number): Set<string>;
  /**
   * Whether a post path is held by an item or a journalled write, compared by `foldPath`
   * (case- and normalization-insensitively). One indexed lookup; no path set is kept in memory.
   */
  isPathTaken(relativePath: string): boolean;
  /**
   * Which of these post paths are taken, as `isPathTaken` decides, in one query: the folded
   * forms (`foldPath`) of the taken ones. A feed's new posts ask for all their names at once.
   */
  takenAmong(relativePaths: readonly string[]): Set<string>;
  /** How many posts feedmill owns on the site. */
  countItems(): number;
  allItems(): SiteItem[];
  /**
   * The path of every post that should be on disk (its row not already marked missing): one
   * string per post, a sixth of the cost of `allItems`, for the start-of-run check.
   */
  postPaths(): string[];
  /** Post folders (relative to the posts root) and their modification time when last listed. */
  folderStamps(): Map<string, number>;
  /** Replaces the folder stamps (see repairSite), in one transaction. */
  saveFolderStamps(stamps: ReadonlyMap<string, number>): void;
  /**
   * Journals posts about to be written: the rows are committed (and hold their paths) at once;
   * the promise settles once they are on disk (fsync). No file may be renamed before it does.
   * The fsyncs of feeds journalling meanwhile are shared, off the main thread.
   */
  beginWrites(feedId: number, changes: readonly ItemRecord[]): Promise<void>;
  /** One transaction: the feed's item rows, its validators and success; clears its journal. */
  recordSuccess(feedId: number, records: readonly ItemRecord[], update: SuccessUpdate): void;
  /**
   * One transaction: item rows of a feed whose other posts are still to come, its journal
   * cleared; the feed's validators and success wait for its last batch (recordSuccess).
   */
  recordItems(feedId: number, records: readonly ItemRecord[]): void;
  /**
   * A 304: the feed's success, kept in memory and written with the next write, the next read
   * of the feed, after a second, or at `flush`/`close`, in one transaction for many feeds.
   * A crash loses at most that second's timestamps, which the next run records again.
   */
  recordNotModified(feedId: number, update?: NotModifiedUpdate): void;
  /** Writes the not-modified successes held back (see recordNotModified) now. */
  flush(): void;
  recordFailure(feedId: number, code: string, message: string, nextCheck?: Date): void;
  /** 410: stop polling the feed. */
  markGone(feedId: number, message: string): void;
  pendingChanges(): PendingChange[];
  /** Repair: journalled writes whose file is on disk become item rows; the rest are dropped. */
  settlePending(adopt: readonly PendingChange[], drop: readonly PendingChange[]): void;
  /** Repair: a row whose file vanished is rewritten on the next full fetch of its feed. */
  markMissing(items: readonly SiteItem[]): void;
  /** Retention: deletes the rows, leaves tombstones and journals the file deletions, in one transaction. */
  beginPrune(items: readonly SiteItem[], now: Date): void;
  /** Clears journal entries once their files are written or deleted. */
  clearPending(changes: readonly { feedId: number; key: string }[]): void;
  /**
   * Adoption: records posts found on disk as items of a feed, in one transaction. A row whose
   * key or path is already recorded is skipped; returns the records that were inserted.
   */
  insertItems(feedId: number, records: readonly ItemRecord[]): ItemRecord[];
  /** Adoption: gives rows recorded under a provisional key their item's real key. */
  renameItems(feedId: number, renames: readonly { from: string; to: string }[]): void;
  /** Adoption: moves the rows and tombstones of one feed row into another and drops the first. */
  mergeFeed(fromFeedId: number, intoFeedId: number): void;
  /** What a processor remembered about an item of a feed (see ProcessorCache). */
  processorValue(feedId: number, processor: string, itemKey: string): string | undefined;
  /** Remembers a processor's value for an item, replacing the previous one. */
  setProcessorValue(feedId: number, processor: string, itemKey: string, value: string): void;
  /**
   * Forgets processor values of a feed's items that are neither in `current` (the feed as just
   * read) nor have a post: items filtered out that have since left the feed.
   */
  forgetProcessorValues(feedId: number, current: readonly string[]): void;
  /** Local image copies: URL → file, and which posts use which file (`images: local`). */
  readonly images: ImageRecords;
  close(): void;
}

interface FeedRow {
  id: number;
  url: string;
  name: string | null;
  etag: string | null;
  last_modified: string | null;
  status: string;
  redirected_url: string | null;
  next_check: string | null;
  consecutive_failures: number;
  last_error_code: string | null;
  last_error_message: string | null;
}

interface ItemRow {
  feed_id: number;
  key: string;
  content_hash: string;
  post_path: string;
  first_seen: string;
  published: string;
}

/** How long a not-modified success may wait in memory before it is written. */
const HOLD_NOT_MODIFIED_MS = 1000;
/** How many not-modified successes are written together at most. */
const MAX_HELD_NOT_MODIFIED = 1000;

/** How a store commits, and which file its errors name. */
export interface StoreOptions {
  /** fsync the journal of intents (synchronous = FULL) before posts are written. */
  fsync: boolean;
  /** The path errors name, when `path` is a copy of it (dry runs). */
  reportAs?: string;
}

/** Opens (creating and migrating) the SQLite state database in WAL mode. */
export function openStore(path: string, options: StoreOptions = { fsync: true }): Store {
  const created = path === ':memory:' || !existsSync(path);
  const db = openStateDatabase(path, options.reportAs);
  let fresh = created;
  try {
    if (!created) {
      checkIntegrity(db);
      fresh =
        db.prepare<[], { empty: number }>('SELECT NOT EXISTS (SELECT 1 FROM feeds) AS empty').get()!.empty ===
        1;
    }
    foldStoredPaths(db);
  } catch (error) {
    db.close();
    throw stateError(error, options.reportAs ?? path);
  }

  const feedColumns = `id, url, name, etag, last_modified, status, redirected_url, next_check,
    consecutive_failures, last_error_code, last_error_message`;
  const selectFeed = db.prepare<[string], FeedRow>(`SELECT ${feedColumns} FROM feeds WHERE url = ?`);
  const selectFeedById = db.prepare<[number], FeedRow>(`SELECT ${feedColumns} FROM feeds WHERE id = ?`);
  const insertFeed = db.prepare<[string, string | null]>('INSERT INTO feeds (url, name) VALUES (?, ?)');
  const selectFeedUrls = db.prepare<[], string>('SELECT url FROM feeds').pluck();
  const setFeedName = db.prepare<[string | null, number]>('UPDATE feeds SET name = ? WHERE id = ?');
  // Several rows under one name should not happen (a name moves its row along); if it does, the
  // one that last succeeded is the feed the user knew, the newest row breaking ties.
  const selectNamedFeeds = db.prepare<[string], { id: number; url: string }>(
    `SELECT id, url FROM feeds WHERE name = ?
     ORDER BY last_success IS NULL, last_success DESC, id DESC`,
  );
  const countFeedItems = db.prepare<[number], number>('SELECT count(*) FROM items WHERE feed_id = ?').pluck();
  // What the old url's server said (validators, redirect, 410, backoff, errors, the RSSHub
  // instance) says nothing about the new url; items, tombstones and the journal are the feed's.
  const moveFeedRow = db.prepare<[string, string, number]>(
    `UPDATE feeds SET url = ?, name = ?, etag = NULL, last_modified = NULL, redirected_url = NULL,
       status = 'active', consecutive_failures = 0, next_check = NULL, last_error_code = NULL,
       last_error_message = NULL, served_by = NULL
     WHERE id = ?`,
  );
  const moveFeedTx = db.transaction(
    (name: string, url: string, configured: ReadonlySet<string>): MovedFeed | undefined => {
      if (selectFeed.get(url)) return undefined;
      // An old url still configured (under another name) is that feed's row, not this one's.
      const old = selectNamedFeeds.all(name).find((row) => !configured.has(row.url));
      if (old === undefined) return undefined;
      moveFeedRow.run(url, name, old.id);
      return { name, from: old.url, to: url, posts: countFeedItems.get(old.id)! };
    },
  );
  const selectItems = db.prepare<[number], ItemRow>('SELECT * FROM items WHERE feed_id = ?');
  const selectAllItems = db.prepare<[], ItemRow>('SELECT * FROM items');
  const selectPostPaths = db
    .prepare<[], string>("SELECT post_path FROM items WHERE content_hash != ''")
    .pluck();
  const selectFolderStamps = db.prepare<[], { folder: string; mtime: number }>(
    'SELECT folder, mtime_ms AS mtime FROM post_folders',
  );
  const deleteFolderStamps = db.prepare('DELETE FROM post_folders');
  const insertFolderStamp = db.prepare<[string, number]>(
    'INSERT INTO post_folders (folder, mtime_ms) VALUES (?, ?)',
  );
  const replaceFolderStamps = db.transaction((stamps: ReadonlyMap<string, number>) => {
    deleteFolderStamps.run();
    for (const [folder, mtime] of stamps) insertFolderStamp.run(folder, mtime);
  });
  const selectPruned = db.prepare<[number], { key: string }>(
    'SELECT key FROM pruned_items WHERE feed_id = ?',
  );
  const selectTakenAmong = db
    .prepare<[{ folds: string }], string>(
      `SELECT path_fold FROM items WHERE path_fold IN (SELECT value FROM json_each(@folds))
       UNION SELECT path_fold FROM pending_writes WHERE path_fold IN (SELECT value FROM json_each(@folds))`,
    )
    .pluck();
  const takenAmong = (relativePaths: readonly string[]): Set<string> => {
    if (relativePaths.length === 0) return new Set();
    const folds = JSON.stringify(relativePaths.map(foldPath));
    return read(() => new Set(selectTakenAmong.all({ folds })));
  };
  const countItems = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM items');
  // Parameters by position: binding by name looks each one up in an object, a fifth of the
  // cost of writing a row (30,000 rows in a first run of 1,000 feeds).
  const upsertItem = db.prepare<[number, string, string, string, string, string, string]>(
    `INSERT INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (feed_id, key) DO UPDATE SET content_hash = excluded.content_hash,
       post_path = excluded.post_path, path_fold = excluded.path_fold, published = excluded.published`,
  );
  const upsert = (feedId: number, row: ItemRecord) =>
    upsertItem.run(
      feedId,
      row.key,
      row.contentHash,
      row.postPath,
      foldPath(row.postPath),
      row.firstSeen,
      row.published,
    );
  const insertPending = db.prepare<[number, string, string, string, string, string, string, string]>(
    `INSERT OR REPLACE INTO pending_writes
       (feed_id, key, action, post_path, path_fold, content_hash, first_seen, published)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addPending = (feedId: number, action: PendingChange['action'], row: ItemRecord) =>
    insertPending.run(
      feedId,
      row.key,
      action,
      row.postPath,
      foldPath(row.postPath),
      row.contentHash,
      row.firstSeen,
      row.published,
    );
  const selectPending = db.prepare<[], ItemRow & { action: 'write' | 'delete' }>(
    'SELECT * FROM pending_writes',
  );
  const deletePending = db.prepare<[number, string]>(
    'DELETE FROM pending_writes WHERE feed_id = ? AND key = ?',
  );
  const deleteFeedPending = db.prepare<[number]>(
    "DELETE FROM pending_writes WHERE feed_id = ? AND action = 'write'",
  );
  // The answer says whether the feed is finished (JSON Feed `expired`); a gone row stays gone.
  const markSuccess = db.prepare(
    `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_success = @now,
       last_error_code = NULL, last_error_message = NULL, consecutive_failures = 0, next_check = @nextCheck,
       redirected_url = coalesce(@movedTo, redirected_url), served_by = @servedBy,
       status = CASE WHEN status = 'gone' THEN status WHEN @finished THEN 'finished' ELSE 'active' END
     WHERE id = @feedId`,
  );
  // A 304 keeps the validators it does not replace, and the status: its document is unchanged.
  const markNotModified = db.prepare(
    `UPDATE feeds SET etag = coalesce(@etag, etag), last_modified = coalesce(@lastModified, last_modified),
       last_success = @now, last_error_code = NULL, last_error_message = NULL,
       consecutive_failures = 0, next_check = @nextCheck, redirected_url = coalesce(@movedTo, redirected_url),
       served_by = @servedBy
     WHERE id = @feedId`,
  );
  const markFailure = db.prepare(
    `UPDATE feeds SET last_error_code = @code, last_error_message = @message,
       consecutive_failures = consecutive_failures + 1, next_check = @nextCheck WHERE id = @feedId`,
  );
  const markGone = db.prepare(
    `UPDATE feeds SET status = 'gone', last_error_code = 'FETCH_GONE', last_error_message = @message,
       consecutive_failures = consecutive_failures + 1 WHERE id = @feedId`,
  );
  const missing = db.prepare<[number, string]>(
    "UPDATE items SET content_hash = '' WHERE feed_id = ? AND key = ?",
  );
  const forgetValidators = db.prepare<[number]>(
    'UPDATE feeds SET etag = NULL, last_modified = NULL WHERE id = ?',
  );
  const deleteItem = db.prepare<[number, string]>('DELETE FROM items WHERE feed_id = ? AND key = ?');
  const selectProcessorValue = db.prepare<[number, string, string], { value: string }>(
    'SELECT value FROM processor_cache WHERE feed_id = ? AND item_key = ? AND processor = ?',
  );
  const upsertProcessorValue = db.prepare<[number, string, string, string, string]>(
    `INSERT INTO processor_cache (feed_id, item_key, processor, value, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (feed_id, item_key, processor) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const deleteProcessorValues = db.prepare<[number, string]>(
    'DELETE FROM processor_cache WHERE feed_id = ? AND item_key = ?',
  );
  const forgetProcessorValues = db.prepare<[number, number, string]>(
    `DELETE FROM processor_cache WHERE feed_id = ?
       AND item_key NOT IN (SELECT key FROM items WHERE feed_id = ?)
       AND item_key NOT IN (SELECT value FROM json_each(?))`,
  );
  const insertPruned = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO pruned_items (feed_id, key, pruned_at) VALUES (?, ?, ?)',
  );

  const success = db.transaction((feedId: number, records: readonly ItemRecord[], update: SuccessUpdate) => {
    for (const record of records) upsert(feedId, record);
    deleteFeedPending.run(feedId);
    markSuccess.run({
      feedId,
      etag: update.validators.etag ?? null,
      lastModified: update.validators.lastModified ?? null,
      now: new Date().toISOString(),
      movedTo: update.movedTo ?? null,
      servedBy: update.servedBy ?? null,
      finished: update.finished === true ? 1 : 0,
      nextCheck: update.nextCheck?.toISOString() ?? null,
    });
  });
  const itemsOnly = db.transaction((feedId: number, records: readonly ItemRecord[]) => {
    for (const record of records) upsert(feedId, record);
    deleteFeedPending.run(feedId);
  });
  const journal = db.transaction((feedId: number, changes: readonly ItemRecord[]) => {
    for (const change of changes) addPending(feedId, 'write', change);
  });
  const settle = db.transaction((adopt: readonly PendingChange[], drop: readonly PendingChange[]) => {
    for (const change of adopt) {
      upsert(change.feedId, change);
      deletePending.run(change.feedId, change.key);
    }
    for (const change of drop) deletePending.run(change.feedId, change.key);
  });
  const markMissingTx = db.transaction((items: readonly SiteItem[]) => {
    for (const item of items) {
      missing.run(item.feedId, item.key);
      forgetValidators.run(item.feedId);
    }
  });
  const prune = db.transaction((items: readonly SiteItem[], now: string) => {
    for (const item of items) {
      deleteItem.run(item.feedId, item.key);
      // A pruned item is never written again: nothing a processor remembered about it is needed.
      deleteProcessorValues.run(item.feedId, item.key);
      insertPruned.run(item.feedId, item.key, now);
      addPending(item.feedId, 'delete', item);
    }
  });
  const clear = db.transaction((changes: readonly { feedId: number; key: string }[]) => {
    for (const change of changes) deletePending.run(change.feedId, change.key);
  });

  /**
   * Not-modified successes waiting to be written, by feed, in one transaction for many feeds: a
   * commit per 304 was a tenth of an all-304 run's CPU time.
   */
  const notModified = new Map<
    number,
    {
      now: string;
      movedTo: string | null;
      servedBy: string | null;
      etag: string | null;
      lastModified: string | null;
      nextCheck: string | null;
      keepJournal: boolean;
    }
  >();
  let heldSince = 0;
  const writeNotModified = db.transaction(() => {
    for (const [feedId, { keepJournal, ...update }] of notModified) {
      if (!keepJournal) deleteFeedPending.run(feedId);
      markNotModified.run({ feedId, ...update });
    }
    notModified.clear();
  });
  /** Writes what is held back; every other write and close come after it, so order is kept. */
  const flush = () => {
    if (notModified.size > 0) guard(() => writeNotModified());
  };
  /** A feed row read again after writing what is held back for it, so no read is stale. */
  const fresher = (row: FeedRow | undefined): FeedRow | undefined => {
    if (row === undefined || !notModified.has(row.id)) return row;
    flush();
    return selectFeedById.get(row.id);
  };

  /**
   * Makes every transaction committed so far durable: one fsync of the WAL. It is made at once
   * while fsyncs return at once (createFileSync: tmpfs, a disk that does not wait), so the feed
   * goes on without giving way to the others; otherwise on libuv's thread pool, shared by every
   * caller that asks while it runs (the next one covers those who commit meanwhile). A commit in
   * WAL mode with synchronous = NORMAL has written its frames to the WAL file, unsynced; syncing
   * that file makes them survive a power loss as synchronous = FULL would.
   */
  const walSync = createFileSync();
  let walFd: number | undefined;
  let syncing: Promise<void> | undefined;
  let queuedSync: Promise<void> | undefined;
  const syncWal = (): Promise<void> | undefined => {
    if (walFd === undefined) {
      walFd = openSync(`${path}-wal`, 'r+');
      // The WAL's own directory entry, once, in case this run created the file.
      const folder = walSync.folder(dirname(path));
      const fd = walFd;
      if (folder) return folder.then(() => walSync.file(fd));
    }
    return walSync.file(walFd);
  };
  const durable = (): Promise<void> => {
    if (!options.fsync || path === ':memory:') return Promise.resolve();
    if (syncing === undefined) {
      let pending: Promise<void> | undefined;
      try {
        pending = syncWal();
      } catch (error) {
        return Promise.reject(stateError(error, options.reportAs ?? path, 'update'));
      }
      if (pending === undefined) return Promise.resolve();
      syncing = pending
        .catch((error: unknown) => {
          throw stateError(error, options.reportAs ?? path, 'update');
        })
        .finally(() => {
          syncing = undefined;
        });
      return syncing;
    }
    // The running fsync may have started before the caller's commit: the next one covers it.
    queuedSync ??= syncing
      .catch(() => undefined)
      .then(() => {
        queuedSync = undefined;
        return durable();
      });
    return queuedSync;
  };

  /** Commits one transaction with a full fsync of the WAL (unless fsync is off), then goes back to NORMAL. */
  const durably = (work: () => void) => {
    if (!options.fsync) return work();
    db.pragma('synchronous = FULL');
    try {
      work();
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  };

  const insertItem = db.prepare(
    `INSERT OR IGNORE INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
     VALUES (@feedId, @key, @contentHash, @postPath, @pathFold, @firstSeen, @published)`,
  );
  const insertItems = db.transaction((feedId: number, records: readonly ItemRecord[]) =>
    records.filter(
      (record) =>
        insertItem.run({
          feedId,
          key: record.key,
          contentHash: record.contentHash,
          postPath: record.postPath,
          pathFold: foldPath(record.postPath),
          firstSeen: record.firstSeen,
          published: record.published,
        }).changes === 1,
    ),
  );
  const renameItem = db.prepare<[string, number, string]>(
    'UPDATE OR IGNORE items SET key = ? WHERE feed_id = ? AND key = ?',
  );
  const renameItems = db.transaction((feedId: number, renames: readonly { from: string; to: string }[]) => {
    for (const { from, to } of renames) renameItem.run(to, feedId, from);
  });
  const mergeFeed = db.transaction((from: number, into: number) => {
    db.prepare('UPDATE OR IGNORE items SET feed_id = ? WHERE feed_id = ?').run(into, from);
    db.prepare('UPDATE OR IGNORE pruned_items SET feed_id = ? WHERE feed_id = ?').run(into, from);
    db.prepare('UPDATE OR IGNORE pending_writes SET feed_id = ? WHERE feed_id = ?').run(into, from);
    db.prepare('UPDATE OR IGNORE processor_cache SET feed_id = ? WHERE feed_id = ?').run(into, from);
    // Rows left behind duplicated a key the target already had.
    for (const table of ['items', 'pruned_items', 'pending_writes', 'processor_cache'])
      db.prepare(`DELETE FROM ${table} WHERE feed_id = ?`).run(from);
    db.prepare('DELETE FROM feeds WHERE id = ?').run(from);
  });

  /**
   * Every database failure is STATE_FAILED naming the file (SQLITE_FULL, SQLITE_READONLY…);
   * a damaged file says how to rebuild it.
   */
  const guard = <T>(work: () => T, doing = 'update'): T => {
    try {
      return work();
    } catch (error) {
      throw stateError(error, options.reportAs ?? path, doing);
    }
  };
  const read = <T>(work: () => T): T => guard(work, 'read');

  return {
    fresh,
    images: createImageRecords(db, guard),
    atomically(work) {
      return guard(() => db.transaction(work)());
    },
    feed(url, name) {
      return guard(() => {
        let row = fresher(selectFeed.get(url));
        if (!row) {
          insertFeed.run(url, name ?? null);
          row = selectFeed.get(url)!;
        } else if (name !== undefined && row.name !== name) {
          setFeedName.run(name, row.id);
        }
        return toFeed(row);
      });
    },
    feedUrls() {
      return read(() => new Set(selectFeedUrls.all()));
    },
    moveFeed(name, url, configured) {
      // A held not-modified success of the old row must land before its url changes.
      flush();
      return guard(() => moveFeedTx(name, url, configured));
    },
    findFeed(url) {
      return read(() => {
        const row = fresher(selectFeed.get(url));
        return row ? toFeed(row) : undefined;
      });
    },
    items(feedId) {
      return read(() => {
        const map = new Map<string, StoredItem>();
        for (const row of selectItems.all(feedId)) map.set(row.key, toItem(row));
        return map;
      });
    },
    prunedKeys(feedId) {
      return read(() => new Set(selectPruned.all(feedId).map((row) => row.key)));
    },
    isPathTaken(relativePath) {
      return takenAmong([relativePath]).size > 0;
    },
    takenAmong,
    countItems() {
      return read(() => countItems.get()!.count);
    },
    allItems() {
      return read(() => selectAllItems.all().map(toItem));
    },
    postPaths() {
      return read(() => selectPostPaths.all());
    },
    folderStamps() {
      return read(() => new Map(selectFolderStamps.all().map((row) => [row.folder, row.mtime])));
    },
    saveFolderStamps(stamps) {
      flush();
      guard(() => replaceFolderStamps(stamps));
    },
    beginWrites(feedId, changes) {
      flush();
      guard(() => journal(feedId, changes));
      return durable();
    },
    recordSuccess(feedId, records, update) {
      flush();
      guard(() => success(feedId, records, update));
    },
    recordItems(feedId, records) {
      flush();
      guard(() => itemsOnly(feedId, records));
    },
    recordNotModified(feedId, update = {}) {
      const now = Date.now();
      if (notModified.size === 0) heldSince = now;
      notModified.set(feedId, {
        now: new Date(now).toISOString(),
        movedTo: update.movedTo ?? null,
        servedBy: update.servedBy ?? null,
        etag: update.validators?.etag ?? null,
        lastModified: update.validators?.lastModified ?? null,
        nextCheck: update.nextCheck?.toISOString() ?? null,
        keepJournal: update.keepJournal === true,
      });
      if (now - heldSince >= HOLD_NOT_MODIFIED_MS || notModified.size >= MAX_HELD_NOT_MODIFIED) flush();
    },
    flush,
    recordFailure(feedId, code, message, nextCheck) {
      flush();
      guard(() => markFailure.run({ feedId, code, message, nextCheck: nextCheck?.toISOString() ?? null }));
    },
    markGone(feedId, message) {
      flush();
      guard(() => markGone.run({ feedId, message }));
    },
    pendingChanges() {
      // A held 304 may clear a feed's journal: written first, so the journal read is current.
      flush();
      return read(() => selectPending.all().map((row) => ({ ...toItem(row), action: row.action })));
    },
    settlePending(adopt, drop) {
      flush();
      guard(() => settle(adopt, drop));
    },
    markMissing(items) {
      flush();
      guard(() => markMissingTx(items));
    },
    beginPrune(items, now) {
      flush();
      guard(() => durably(() => prune(items, now.toISOString())));
    },
    clearPending(changes) {
      flush();
      guard(() => clear(changes));
    },
    insertItems(feedId, records) {
      flush();
      return guard(() => insertItems(feedId, records));
    },
    renameItems(feedId, renames) {
      flush();
      guard(() => renameItems(feedId, renames));
    },
    mergeFeed(fromFeedId, intoFeedId) {
      flush();
      guard(() => mergeFeed(fromFeedId, intoFeedId));
    },
    processorValue(feedId, processor, itemKey) {
      return read(() => selectProcessorValue.get(feedId, itemKey, processor)?.value);
    },
    setProcessorValue(feedId, processor, itemKey, value) {
      guard(() => upsertProcessorValue.run(feedId, itemKey, processor, value, new Date().toISOString()));
    },
    forgetProcessorValues(feedId, current) {
      guard(() => forgetProcessorValues.run(feedId, feedId, JSON.stringify(current)));
    },
    close() {
      try {
        flush();
      } finally {
        if (walFd !== undefined) closeSync(walFd);
        guard(() => db.close());
      }
    },
  };
}

function toFeed(row: FeedRow): StoredFeed {
  const feed: StoredFeed = {
    id: row.id,
    url: row.url,
    status: row.status === 'gone' || row.status === 'finished' ? row.status : 'active',
    consecutiveFailures: row.consecutive_failures,
  };
  if (row.etag) feed.etag = row.etag;
  if (row.last_modified) feed.lastModified = row.last_modified;
  if (row.redirected_url) feed.redirectedUrl = row.redirected_url;
  if (row.next_check) feed.nextCheck = row.next_check;
  if (row.last_error_code) feed.lastErrorCode = row.last_error_code;
  if (row.last_error_message) feed.lastErrorMessage = row.last_error_message;
  return feed;
}

function toItem(row: ItemRow): SiteItem {
  return {
    feedId: row.feed_id,
    key: row.key,
    contentHash: row.content_hash,
    postPath: row.post_path,
    firstSeen: row.first_seen,
    published: row.published,
  };
}

/**
 * Opens the state database (WAL, foreign keys, busy timeout) with every migration applied.
 * The store and the RSSHub catalogue cache each hold their own connection to it.
 */
export function openStateDatabase(path: string, reportAs = path): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new SqliteDatabase(path);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process; the journal of intents is written with FULL.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    throw stateError(error, reportAs, 'open');
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${version} is newer than this feedmill (${MIGRATIONS.length}); upgrade feedmill`,
    );
  }
  for (let index = version; index < MIGRATIONS.length; index++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[index]!);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}

/** Fills `path_fold` for rows written before migration 4 (a no-op once every row has one). */
function foldStoredPaths(db: Database.Database): void {
  for (const table of ['items', 'pending_writes']) {
    const rows = db
      .prepare<[], { id: number; path: string }>(
        `SELECT rowid AS id, post_path AS path FROM ${table} WHERE path_fold IS NULL`,
      )
      .all();
    if (rows.length === 0) continue;
    const update = db.prepare<[string, number]>(`UPDATE ${table} SET path_fold = ? WHERE rowid = ?`);
    db.transaction(() => {
      for (const row of rows) update.run(foldPath(row.path), row.id);
    })();
  }
}
