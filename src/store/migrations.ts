/**
 * Append-only schema migrations; `PRAGMA user_version` records how many have run.
 * Never edit a shipped entry: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE feeds (
     id INTEGER PRIMARY KEY,
     url TEXT NOT NULL UNIQUE,
     etag TEXT,
     last_modified TEXT,
     last_success TEXT,
     last_error_code TEXT,
     last_error_message TEXT,
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     next_check TEXT
   );
   CREATE TABLE items (
     feed_id INTEGER NOT NULL REFERENCES feeds(id),
     key TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     post_path TEXT NOT NULL UNIQUE,
     first_seen TEXT NOT NULL,
     published TEXT NOT NULL,
     PRIMARY KEY (feed_id, key)
   );`,
  // 2: feed lifecycle (gone, moved), the write/delete journal that makes a post and its
  // row commit together, tombstones of pruned items, and an index for retention queries.
  `ALTER TABLE feeds ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
   ALTER TABLE feeds ADD COLUMN redirected_url TEXT;
   CREATE TABLE pending_writes (
     feed_id INTEGER NOT NULL REFERENCES feeds(id),
     key TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('write', 'delete')),
     post_path TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     first_seen TEXT NOT NULL,
     published TEXT NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE TABLE pruned_items (
     feed_id INTEGER NOT NULL REFERENCES feeds(id),
     key TEXT NOT NULL,
     pruned_at TEXT NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE INDEX items_by_published ON items (feed_id, published);`,
  // 3: the RSSHub route catalogue, cached with the time it was loaded (one row).
  `CREATE TABLE rsshub_catalogue (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     source TEXT NOT NULL,
     loaded_at TEXT NOT NULL,
     routes TEXT NOT NULL
   );`,
  // 4: the case- and normalization-folded post path, indexed, so that a new post's
  // name is checked against the database instead of a set of every path held in memory.
  // Filled by the store (JavaScript folds Unicode case; SQLite's lower() only folds ASCII).
  `ALTER TABLE items ADD COLUMN path_fold TEXT;
   ALTER TABLE pending_writes ADD COLUMN path_fold TEXT;
   CREATE INDEX items_by_path_fold ON items (path_fold);
   CREATE INDEX pending_by_path_fold ON pending_writes (path_fold);`,
  // 5: which RSSHub instance (key masked) answered a feed last, for `feedmill status`.
  `ALTER TABLE feeds ADD COLUMN served_by TEXT;`,
  // 6: what item processors remember per item (a filter verdict, an extracted article), so
  // a re-run does not redo the work; the rows go with their feed.
  `CREATE TABLE processor_cache (
     feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     processor TEXT NOT NULL,
     item_key TEXT NOT NULL,
     value TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (feed_id, item_key, processor)
   );`,
  // 7: `images: local`: which image URL became which content-addressed file (or was refused,
  // and when), which posts use which file, and which posts' uses are recorded at all.
  `CREATE TABLE images (
     url TEXT PRIMARY KEY,
     file TEXT,
     refused TEXT,
     checked_at TEXT NOT NULL,
     CHECK ((file IS NULL) <> (refused IS NULL))
   );
   CREATE INDEX images_by_file ON images (file);
   CREATE TABLE image_uses (
     feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key TEXT NOT NULL,
     file TEXT NOT NULL,
     PRIMARY KEY (feed_id, key, file)
   );
   CREATE INDEX image_uses_by_file ON image_uses (file);
   CREATE TABLE image_posts (
     feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key TEXT NOT NULL,
     PRIMARY KEY (feed_id, key)
   );`,
  // 8: RSSHub: the Radar rules cache (one row, like the catalogue's) and each instance's
  // health: failures in a row and the cool-down they started (keyed by the masked base URL).
  `CREATE TABLE rsshub_radar_rules (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     source TEXT NOT NULL,
     loaded_at TEXT NOT NULL,
     rules TEXT NOT NULL
   );
   CREATE TABLE rsshub_instances (
     instance TEXT PRIMARY KEY,
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     cooling_until TEXT,
     last_error TEXT,
     last_failure TEXT,
     last_success TEXT
   );`,
  // 9: the feed's name in the config (NULL when unnamed: its url is its identity), so that a
  // named feed whose url is edited takes over its row, posts and all, instead of starting afresh.
  `ALTER TABLE feeds ADD COLUMN name TEXT;
   CREATE INDEX feeds_by_name ON feeds (name);`,
  // 10: each post folder's modification time when a listing last found all its posts, so that
  // the start-of-run check lists only folders changed since (a cache: losing it costs a listing).
  `CREATE TABLE post_folders (
     folder TEXT PRIMARY KEY,
     mtime_ms REAL NOT NULL
   ) WITHOUT ROWID;`,
];
