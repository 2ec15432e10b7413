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
];
