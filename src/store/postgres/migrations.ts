/**
 * Append-only schema migrations of the PostgreSQL state; `feedmill_schema.version` records how
 * many have run. Never edit a shipped entry: add a new one. The tables mirror the SQLite
 * schema, with the guarantees SQLite leaves to its single writer held by constraints here.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: feeds, items, the journal of intents, tombstones, the processor cache and the RSSHub
  // catalogue cache. A folded post path is unique among items and among journalled changes,
  // so two processes can never both claim one file name (the store checks across the two).
  `CREATE TABLE feeds (
     id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     url text NOT NULL UNIQUE,
     etag text,
     last_modified text,
     last_success timestamptz,
     last_error_code text,
     last_error_message text,
     consecutive_failures integer NOT NULL DEFAULT 0,
     next_check timestamptz,
     status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'gone')),
     redirected_url text,
     served_by text
   );
   CREATE TABLE items (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     content_hash text NOT NULL,
     post_path text NOT NULL,
     path_fold text NOT NULL CONSTRAINT items_path_fold_unique UNIQUE,
     first_seen text NOT NULL,
     published text NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE INDEX items_by_published ON items (feed_id, published);
   CREATE TABLE pending_writes (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     action text NOT NULL CHECK (action IN ('write', 'delete')),
     post_path text NOT NULL,
     path_fold text NOT NULL CONSTRAINT pending_path_fold_unique UNIQUE,
     content_hash text NOT NULL,
     first_seen text NOT NULL,
     published text NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE TABLE pruned_items (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     pruned_at timestamptz NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE TABLE processor_cache (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     processor text NOT NULL,
     item_key text NOT NULL,
     value text NOT NULL,
     updated_at timestamptz NOT NULL,
     PRIMARY KEY (feed_id, item_key, processor)
   );
   CREATE TABLE rsshub_catalogue (
     id integer PRIMARY KEY CHECK (id = 1),
     source text NOT NULL,
     loaded_at text NOT NULL,
     routes text NOT NULL
   );`,
  // 2: every cached document by name (the Radar rules beside the catalogue; the catalogue row
  // of migration 1 moves here), and each RSSHub instance's health, shared by all workers.
  `CREATE TABLE cached_documents (
     name text PRIMARY KEY,
     source text NOT NULL,
     loaded_at text NOT NULL,
     body text NOT NULL
   );
   INSERT INTO cached_documents (name, source, loaded_at, body)
     SELECT 'rsshub-catalogue', source, loaded_at, routes FROM rsshub_catalogue;
   DROP TABLE rsshub_catalogue;
   CREATE TABLE rsshub_instances (
     instance text PRIMARY KEY,
     consecutive_failures integer NOT NULL DEFAULT 0,
     cooling_until text,
     last_error text,
     last_failure text,
     last_success text
   );`,
  // 3: what workers produced and the publisher has not applied yet (rendered posts keyed by
  // feed and item, so a retried job overwrites rather than duplicates, with the feed's new
  // validators beside them), and each worker's heartbeat for status.
  `CREATE TABLE rendered_posts (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     position integer NOT NULL,
     folder text NOT NULL,
     file_name text NOT NULL,
     unique_file_name text NOT NULL,
     content text NOT NULL,
     first_seen text NOT NULL,
     published text NOT NULL,
     rendered_at timestamptz NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE TABLE rendered_feeds (
     feed_id integer PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
     etag text,
     last_modified text,
     moved_to text,
     served_by text,
     rendered_at timestamptz NOT NULL
   );
   CREATE TABLE workers (
     id text PRIMARY KEY,
     host text NOT NULL,
     pid integer NOT NULL,
     started_at timestamptz NOT NULL,
     last_heartbeat timestamptz NOT NULL,
     jobs_done integer NOT NULL DEFAULT 0
   );`,
  // 4: the feed's name in the config (NULL when unnamed), so that a named feed whose url is
  // edited takes over its row and posts (see the SQLite migration 9).
  `ALTER TABLE feeds ADD COLUMN name text;
   CREATE INDEX feeds_by_name ON feeds (name);`,
  // 5: `images: local` on workers: the SQLite migration 7's tables, and the copies themselves
  // (workers have no site), kept until the site's writer has put them in the site (`bytes`
  // then NULL: the row says the site holds the file). Uses and marks carry when they were
  // recorded: the writer collects garbage while workers render, and a job's uses are recorded
  // before its posts are stored, so young rows are never taken for dead ones.
  `CREATE TABLE images (
     url text PRIMARY KEY,
     file text,
     refused text,
     checked_at text NOT NULL,
     CHECK ((file IS NULL) <> (refused IS NULL))
   );
   CREATE INDEX images_by_file ON images (file);
   CREATE TABLE image_uses (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     file text NOT NULL,
     recorded_at timestamptz NOT NULL,
     PRIMARY KEY (feed_id, key, file)
   );
   CREATE INDEX image_uses_by_file ON image_uses (file);
   CREATE TABLE image_posts (
     feed_id integer NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
     key text NOT NULL,
     recorded_at timestamptz NOT NULL,
     PRIMARY KEY (feed_id, key)
   );
   CREATE TABLE image_files (
     file text PRIMARY KEY,
     bytes bytea,
     stored_at timestamptz NOT NULL
   );`,
  // 6: a feed whose answer said it is finished (JSON Feed \`expired\`) is \`finished\`: kept with
  // its posts and checked once a day. A worker's render carries that word and the feed's next
  // check to the site's writer, which records them with the feed's success, as \`run\` does.
  `ALTER TABLE feeds DROP CONSTRAINT feeds_status_check;
   ALTER TABLE feeds ADD CONSTRAINT feeds_status_check CHECK (status IN ('active', 'finished', 'gone'));
   ALTER TABLE rendered_feeds ADD COLUMN finished boolean NOT NULL DEFAULT false;
   ALTER TABLE rendered_feeds ADD COLUMN next_check timestamptz;`,
];
