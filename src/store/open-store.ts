import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { FeedmillError } from '../errors.ts';
import { MIGRATIONS } from './migrations.ts';

/** A stored item row. */
export interface StoredItem {
  key: string;
  contentHash: string;
  postPath: string;
  firstSeen: string;
  published: string;
}

/** What the store keeps about a feed. */
export interface StoredFeed {
  id: number;
  url: string;
  etag?: string;
  lastModified?: string;
}

/** A post written for an item, to record in the same transaction as its siblings. */
export interface ItemRecord extends StoredItem {}

/** The state database, with queries named by intent. */
export interface Store {
  feed(url: string): StoredFeed;
  items(feedId: number): Map<string, StoredItem>;
  /** Every post path the store knows, lower-cased, for case-insensitive uniqueness. */
  postPathsLower(): Set<string>;
  recordSuccess(
    feedId: number,
    records: readonly ItemRecord[],
    validators: { etag?: string; lastModified?: string },
  ): void;
  recordFailure(feedId: number, code: string, message: string): void;
  close(): void;
}

/** Opens (creating and migrating) the SQLite state database. */
export function openStore(path: string): Store {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    throw new FeedmillError(
      'STATE_FAILED',
      `cannot open state database ${path}: ${(error as Error).message}`,
      { path },
    );
  }

  const selectFeed = db.prepare<
    [string],
    { id: number; url: string; etag: string | null; last_modified: string | null }
  >('SELECT id, url, etag, last_modified FROM feeds WHERE url = ?');
  const insertFeed = db.prepare<[string]>('INSERT INTO feeds (url) VALUES (?)');
  const selectItems = db.prepare<
    [number],
    { key: string; content_hash: string; post_path: string; first_seen: string; published: string }
  >('SELECT key, content_hash, post_path, first_seen, published FROM items WHERE feed_id = ?');
  const selectPaths = db.prepare<[], { post_path: string }>('SELECT post_path FROM items');
  const upsertItem = db.prepare(
    `INSERT INTO items (feed_id, key, content_hash, post_path, first_seen, published)
     VALUES (@feedId, @key, @contentHash, @postPath, @firstSeen, @published)
     ON CONFLICT (feed_id, key) DO UPDATE SET content_hash = excluded.content_hash, post_path = excluded.post_path, published = excluded.published`,
  );
  const markSuccess = db.prepare(
    `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_success = @now,
       last_error_code = NULL, last_error_message = NULL, consecutive_failures = 0 WHERE id = @feedId`,
  );
  const markFailure = db.prepare(
    `UPDATE feeds SET last_error_code = @code, last_error_message = @message,
       consecutive_failures = consecutive_failures + 1 WHERE id = @feedId`,
  );

  const success = db.transaction(
    (
      feedId: number,
      records: readonly ItemRecord[],
      validators: { etag?: string; lastModified?: string },
    ) => {
      for (const record of records) upsertItem.run({ feedId, ...record });
      markSuccess.run({
        feedId,
        etag: validators.etag ?? null,
        lastModified: validators.lastModified ?? null,
        now: new Date().toISOString(),
      });
    },
  );

  return {
    feed(url) {
      let row = selectFeed.get(url);
      if (!row) {
        insertFeed.run(url);
        row = selectFeed.get(url)!;
      }
      const feed: StoredFeed = { id: row.id, url: row.url };
      if (row.etag) feed.etag = row.etag;
      if (row.last_modified) feed.lastModified = row.last_modified;
      return feed;
    },
    items(feedId) {
      const map = new Map<string, StoredItem>();
      for (const row of selectItems.all(feedId)) {
        map.set(row.key, {
          key: row.key,
          contentHash: row.content_hash,
          postPath: row.post_path,
          firstSeen: row.first_seen,
          published: row.published,
        });
      }
      return map;
    },
    postPathsLower() {
      return new Set(selectPaths.all().map((row) => row.post_path.toLowerCase()));
    },
    recordSuccess(feedId, records, validators) {
      success(feedId, records, validators);
    },
    recordFailure(feedId, code, message) {
      markFailure.run({ feedId, code, message });
    },
    close() {
      db.close();
    },
  };
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
