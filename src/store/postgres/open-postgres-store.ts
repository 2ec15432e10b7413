import type pg from 'pg';
import { pathTaken } from '../async-from-sqlite.ts';
import type { AsyncStore } from '../async-store.ts';
import type { FeedStatus } from '../feed-status.ts';
import { foldPath } from '../fold-path.ts';
import { HEALTH_COLUMNS, type HealthRow, toHealth } from '../instance-health-rows.ts';
import { stateError } from '../state-error.ts';
import type {
  ItemRecord,
  MovedFeed,
  PendingChange,
  SiteItem,
  StoredFeed,
  SuccessUpdate,
} from '../store-records.ts';
import { maskConnectionString } from './mask-connection-string.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { retryWhenLost } from './retry-when-lost.ts';

/** Where the PostgreSQL state lives and how many connections a process may hold. */
export interface PostgresStoreOptions {
  /** A `postgres://` URL (user, password, host or `?host=/socket/folder`, database). */
  connectionString: string;
  /** Connections in this process's pool (default 4: one writer, a few readers). */
  maxConnections?: number;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

interface FeedRow {
  id: number;
  url: string;
  name: string | null;
  etag: string | null;
  last_modified: string | null;
  status: string;
  redirected_url: string | null;
  next_check: Date | null;
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

const FEED_COLUMNS = `id, url, name, etag, last_modified, status, redirected_url, next_check,
  consecutive_failures, last_error_code, last_error_message`;
const ITEM_COLUMNS = 'feed_id, key, content_hash, post_path, first_seen, published';
// Unique violations on these constraints mean two items claimed one folded post path.
/** Adopted rows per INSERT: a site of 100,000 posts goes in twenty statements. */
const ADOPTION_SLICE = 5000;
const PATH_CONSTRAINTS = new Set(['items_path_fold_unique', 'pending_path_fold_unique']);

/**
 * Opens (migrating) the PostgreSQL state. Post-path uniqueness is held by UNIQUE constraints on
 * the folded path, checked inside the journalling transaction, so writers in several processes
 * cannot both claim one file; every failure is STATE_FAILED naming the masked URL.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<AsyncStore> {
  const reportAs = maskConnectionString(options.connectionString);
  // Loaded on first use: the embedded SQLite default never pays for the PostgreSQL client.
  const { default: postgres } = await import('pg');
  const pool = new postgres.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A connection cut while checked out also emits 'error' (besides failing its query, which is
  // what the store handles): without a listener that event would end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const fail = (error: unknown, doing: string, paths: readonly string[] = []) => {
    const constraint = (error as { constraint?: unknown }).constraint;
    if ((error as { code?: unknown }).code === '23505' && PATH_CONSTRAINTS.has(String(constraint)))
      return pathTaken(paths.length === 1 ? paths[0]! : paths.join(', '));
    return stateError(error, reportAs, doing);
  };
  /** Work on one connection outside a transaction (reads, and writes of a single statement). */
  const read = <T>(work: (db: Queryable) => Promise<T>, doing = 'read'): Promise<T> =>
    retryWhenLost(async () => {
      const client = await pool.connect();
      try {
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        // A connection that failed is discarded rather than handed out again.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    }).catch((error: unknown) => {
      throw fail(error, doing);
    });
  /** One transaction on one connection: everything `work` writes lands, or nothing. */
  const transaction = <T>(work: (db: Queryable) => Promise<T>, paths: readonly string[] = []): Promise<T> =>
    retryWhenLost(async () => {
      const client = await pool.connect();
      let committing = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        committing = true;
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.release(error instanceof Error ? error : true);
        // A connection lost during COMMIT may have committed: that is not retried blindly.
        throw committing ? Object.assign(new Error(String(error)), { cause: error, final: true }) : error;
      }
    }).catch((error: unknown) => {
      throw fail(error, 'update', paths);
    });

  let fresh: boolean;
  try {
    await migratePostgres(pool);
    const { rows } = await pool.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM feeds) AS empty');
    fresh = rows[0]!.empty;
  } catch (error) {
    await pool.end().catch(() => {});
    throw stateError(error, reportAs, 'open');
  }

  const upsertItems = (db: Queryable, rows: readonly (ItemRecord & { feedId: number })[]) =>
    rows.length === 0
      ? Promise.resolve()
      : db.query(
          `INSERT INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
           SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT (feed_id, key) DO UPDATE SET content_hash = excluded.content_hash,
             post_path = excluded.post_path, path_fold = excluded.path_fold, published = excluded.published`,
          itemColumns(rows),
        );
  const journal = (db: Queryable, changes: readonly PendingChange[]) =>
    changes.length === 0
      ? Promise.resolve()
      : db.query(
          `INSERT INTO pending_writes (feed_id, key, content_hash, post_path, path_fold, first_seen, published, action)
           SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           ON CONFLICT (feed_id, key) DO UPDATE SET action = excluded.action, post_path = excluded.post_path,
             path_fold = excluded.path_fold, content_hash = excluded.content_hash,
             first_seen = excluded.first_seen, published = excluded.published`,
          [...itemColumns(changes), changes.map((change) => change.action)],
        );
  const deletePending = (db: Queryable, changes: readonly { feedId: number; key: string }[]) =>
    changes.length === 0
      ? Promise.resolve()
      : db.query(
          `DELETE FROM pending_writes p USING unnest($1::integer[], $2::text[]) AS c(feed_id, key)
           WHERE p.feed_id = c.feed_id AND p.key = c.key`,
          [changes.map((change) => change.feedId), changes.map((change) => change.key)],
        );
  const markSuccess = async (db: Queryable, feedId: number, update: SuccessUpdate) => {
    await db.query("DELETE FROM pending_writes WHERE feed_id = $1 AND action = 'write'", [feedId]);
    await db.query(
      // The answer says whether the feed is finished (JSON Feed `expired`); a gone row stays gone.
      `UPDATE feeds SET etag = $2, last_modified = $3, last_success = now(), last_error_code = NULL,
         last_error_message = NULL, consecutive_failures = 0, next_check = $7,
         redirected_url = coalesce($4, redirected_url), served_by = $5,
         status = CASE WHEN status = 'gone' THEN status WHEN $6 THEN 'finished' ELSE 'active' END
       WHERE id = $1`,
      [
        feedId,
        update.validators.etag ?? null,
        update.validators.lastModified ?? null,
        update.movedTo ?? null,
        update.servedBy ?? null,
        update.finished === true,
        update.nextCheck ?? null,
      ],
    );
  };
  const selectFeed = async (db: Queryable, url: string) =>
    (await db.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE url = $1`, [url])).rows[0];

  return {
    backend: 'postgres',
    isFresh: async () => fresh,
    feed: async (url, name) => {
      // The row exists on every run but the first: one round trip then (two when renamed).
      const known = await read((db) => selectFeed(db, url));
      if (known) {
        if (name !== undefined && known.name !== name)
          await read(
            (db) => db.query('UPDATE feeds SET name = $1 WHERE id = $2', [name, known.id]),
            'update',
          );
        return toFeed(known);
      }
      return transaction(async (db) => {
        // Two statements: the SELECT's snapshot then sees a row another process just inserted.
        await db.query('INSERT INTO feeds (url, name) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING', [
          url,
          name ?? null,
        ]);
        return toFeed((await selectFeed(db, url))!);
      });
    },
    moveFeed: (name, url, configured) =>
      transaction(async (db): Promise<MovedFeed | undefined> => {
        if (await selectFeed(db, url)) return undefined;
        // As in SQLite: the row that last succeeded, the newest breaking ties.
        const { rows } = await db.query<{ id: number; url: string }>(
          `SELECT id, url FROM feeds WHERE name = $1
           ORDER BY last_success DESC NULLS LAST, id DESC`,
          [name],
        );
        const old = rows.find((row) => !configured.has(row.url));
        if (old === undefined) return undefined;
        // Another process moving the same row first changes its url: then nothing is moved here
        // (the WHERE is checked again on the row it waited for), and a url inserted meanwhile
        // by another process's feed() is a unique violation, also nothing to move.
        await db.query('SAVEPOINT move_feed');
        try {
          const moved = await db.query(
            `UPDATE feeds SET url = $1, etag = NULL, last_modified = NULL, redirected_url = NULL,
               status = 'active', consecutive_failures = 0, next_check = NULL, last_error_code = NULL,
               last_error_message = NULL, served_by = NULL
             WHERE id = $2 AND url = $3`,
            [url, old.id, old.url],
          );
          if (moved.rowCount !== 1) return undefined;
        } catch (error) {
          if ((error as { code?: unknown }).code !== '23505') throw error;
          await db.query('ROLLBACK TO SAVEPOINT move_feed');
          return undefined;
        }
        // A render of the old url not published yet keeps its posts, not the old url's validators.
        await db.query(
          `UPDATE rendered_feeds SET etag = NULL, last_modified = NULL, moved_to = NULL, served_by = NULL
           WHERE feed_id = $1`,
          [old.id],
        );
        const { rows: counted } = await db.query<{ posts: number }>(
          'SELECT count(*)::integer AS posts FROM items WHERE feed_id = $1',
          [old.id],
        );
        return { name, from: old.url, to: url, posts: counted[0]!.posts };
      }),
    findFeed: (url) =>
      read(async (db) => {
        const row = await selectFeed(db, url);
        return row ? toFeed(row) : undefined;
      }),
    items: (feedId) =>
      read(async (db) => {
        const { rows } = await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE feed_id = $1`, [
          feedId,
        ]);
        return new Map(rows.map((row) => [row.key, toItem(row)]));
      }),
    prunedKeys: (feedId) =>
      read(async (db) => {
        const { rows } = await db.query<{ key: string }>('SELECT key FROM pruned_items WHERE feed_id = $1', [
          feedId,
        ]);
        return new Set(rows.map((row) => row.key));
      }),
    isPathTaken: (relativePath) =>
      read(async (db) => {
        const { rows } = await db.query<{ taken: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM items WHERE path_fold = $1)
             OR EXISTS (SELECT 1 FROM pending_writes WHERE path_fold = $1) AS taken`,
          [foldPath(relativePath)],
        );
        return rows[0]!.taken;
      }),
    countItems: () =>
      read(async (db) =>
        Number((await db.query<{ count: string }>('SELECT count(*) AS count FROM items')).rows[0]!.count),
      ),
    allItems: () =>
      read(async (db) => (await db.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items`)).rows.map(toItem)),
    beginWrites: (feedId, changes) =>
      transaction(
        async (db) => {
          // The journal's UNIQUE constraint refuses a path another journalled change holds (and
          // waits for a concurrent claimer to finish); the check below runs after it, in a fresh
          // snapshot, so it sees items committed by a writer that held the path until now.
          await journal(
            db,
            changes.map((change) => ({ ...change, feedId, action: 'write' as const })),
          );
          const { rows } = await db.query<{ post_path: string }>(
            `SELECT i.post_path FROM items i JOIN unnest($2::text[], $3::text[]) AS c(fold, key)
               ON i.path_fold = c.fold WHERE NOT (i.feed_id = $1 AND i.key = c.key) LIMIT 1`,
            [feedId, changes.map((change) => foldPath(change.postPath)), changes.map((change) => change.key)],
          );
          if (rows[0]) throw pathTaken(rows[0].post_path);
        },
        changes.map((change) => change.postPath),
      ),
    recordSuccess: (feedId, records, update) =>
      transaction(async (db) => {
        await upsertItems(
          db,
          records.map((record) => ({ ...record, feedId })),
        );
        await markSuccess(db, feedId, update);
      }),
    recordNotModified: (feedId, update = {}) =>
      // One statement (atomic by itself): the validators the 304 does not replace stay, the
      // journal of writes is cleared unless kept; the status stays (the document is unchanged).
      read(async (db) => {
        await db.query(
          `WITH cleared AS (DELETE FROM pending_writes WHERE feed_id = $1 AND action = 'write' AND NOT $6)
           UPDATE feeds SET last_success = now(), last_error_code = NULL, last_error_message = NULL,
             consecutive_failures = 0, next_check = $7, redirected_url = coalesce($2, redirected_url),
             served_by = $3, etag = coalesce($4, etag), last_modified = coalesce($5, last_modified)
           WHERE id = $1`,
          [
            feedId,
            update.movedTo ?? null,
            update.servedBy ?? null,
            update.validators?.etag ?? null,
            update.validators?.lastModified ?? null,
            update.keepJournal === true,
            update.nextCheck ?? null,
          ],
        );
      }, 'update'),
    recordFailure: (feedId, code, message, nextCheck) =>
      transaction(async (db) => {
        await db.query(
          `UPDATE feeds SET last_error_code = $2, last_error_message = $3,
             consecutive_failures = consecutive_failures + 1, next_check = $4 WHERE id = $1`,
          [feedId, code, message, nextCheck ?? null],
        );
      }),
    markGone: (feedId, message) =>
      transaction(async (db) => {
        await db.query(
          `UPDATE feeds SET status = 'gone', last_error_code = 'FETCH_GONE', last_error_message = $2,
             consecutive_failures = consecutive_failures + 1 WHERE id = $1`,
          [feedId, message],
        );
      }),
    pendingChanges: () =>
      read(async (db) => {
        const { rows } = await db.query<ItemRow & { action: 'write' | 'delete' }>(
          `SELECT ${ITEM_COLUMNS}, action FROM pending_writes`,
        );
        return rows.map((row) => ({ ...toItem(row), action: row.action }));
      }),
    settlePending: (adopt, drop) =>
      transaction(async (db) => {
        await deletePending(db, [...adopt, ...drop]);
        await upsertItems(db, adopt);
      }),
    markMissing: (items) =>
      transaction(async (db) => {
        if (items.length === 0) return;
        await db.query(
          `UPDATE items i SET content_hash = '' FROM unnest($1::integer[], $2::text[]) AS c(feed_id, key)
           WHERE i.feed_id = c.feed_id AND i.key = c.key`,
          [items.map((item) => item.feedId), items.map((item) => item.key)],
        );
        await db.query('UPDATE feeds SET etag = NULL, last_modified = NULL WHERE id = ANY($1::integer[])', [
          items.map((item) => item.feedId),
        ]);
      }),
    beginPrune: (items, now) =>
      transaction(async (db) => {
        if (items.length === 0) return;
        const ids = [items.map((item) => item.feedId), items.map((item) => item.key)];
        await db.query(
          `DELETE FROM items i USING unnest($1::integer[], $2::text[]) AS c(feed_id, key)
           WHERE i.feed_id = c.feed_id AND i.key = c.key`,
          ids,
        );
        // A pruned item is never written again: nothing a processor remembered about it is needed.
        await db.query(
          `DELETE FROM processor_cache p USING unnest($1::integer[], $2::text[]) AS c(feed_id, key)
           WHERE p.feed_id = c.feed_id AND p.item_key = c.key`,
          ids,
        );
        await db.query(
          `INSERT INTO pruned_items (feed_id, key, pruned_at) SELECT c.feed_id, c.key, $3
           FROM unnest($1::integer[], $2::text[]) AS c(feed_id, key)
           ON CONFLICT (feed_id, key) DO UPDATE SET pruned_at = excluded.pruned_at`,
          [...ids, now],
        );
        await journal(
          db,
          items.map((item) => ({ ...item, action: 'delete' as const })),
        );
      }),
    clearPending: (changes) =>
      transaction(async (db) => {
        await deletePending(db, changes);
      }),
    insertItems: (feedId, records) =>
      transaction(async (db) => {
        if (records.length === 0) return [];
        const { rows } = await db.query<{ key: string }>(
          `INSERT INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
           SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           ON CONFLICT DO NOTHING RETURNING key`,
          itemColumns(records.map((record) => ({ ...record, feedId }))),
        );
        const inserted = new Set(rows.map((row) => row.key));
        return records.filter((record) => inserted.delete(record.key));
      }),
    adoptItems: (groups) =>
      transaction(async (db) => {
        const counts: number[] = [];
        for (const { feedUrl, records } of groups) {
          await db.query('INSERT INTO feeds (url) VALUES ($1) ON CONFLICT (url) DO NOTHING', [feedUrl]);
          const feedId = (await selectFeed(db, feedUrl))!.id;
          let inserted = 0;
          // In slices: one statement's arrays stay small whatever the site's size.
          for (let start = 0; start < records.length; start += ADOPTION_SLICE) {
            const slice = records.slice(start, start + ADOPTION_SLICE);
            const result = await db.query(
              `INSERT INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
               SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
               ON CONFLICT DO NOTHING`,
              itemColumns(slice.map((record) => ({ ...record, feedId }))),
            );
            inserted += result.rowCount ?? 0;
          }
          counts.push(inserted);
        }
        return counts;
      }),
    renameItems: (feedId, renames) =>
      transaction(async (db) => {
        for (const { from, to } of renames)
          await db.query(
            `UPDATE items SET key = $3 WHERE feed_id = $1 AND key = $2
               AND NOT EXISTS (SELECT 1 FROM items WHERE feed_id = $1 AND key = $3)`,
            [feedId, from, to],
          );
      }),
    mergeFeed: (from, into) =>
      transaction(async (db) => {
        // Rows whose key the target already has stay behind and go with the merged feed row.
        for (const [table, key] of [
          ['items', 'key'],
          ['pruned_items', 'key'],
          ['pending_writes', 'key'],
        ] as const)
          await db.query(
            `UPDATE ${table} SET feed_id = $2 WHERE feed_id = $1
               AND ${key} NOT IN (SELECT ${key} FROM ${table} WHERE feed_id = $2)`,
            [from, into],
          );
        await db.query(
          `UPDATE processor_cache p SET feed_id = $2 WHERE feed_id = $1 AND NOT EXISTS
             (SELECT 1 FROM processor_cache q WHERE q.feed_id = $2 AND q.item_key = p.item_key AND q.processor = p.processor)`,
          [from, into],
        );
        await db.query('DELETE FROM feeds WHERE id = $1', [from]);
      }),
    processorValue: (feedId, processor, itemKey) =>
      read(async (db) => {
        const { rows } = await db.query<{ value: string }>(
          'SELECT value FROM processor_cache WHERE feed_id = $1 AND item_key = $2 AND processor = $3',
          [feedId, itemKey, processor],
        );
        return rows[0]?.value;
      }),
    setProcessorValue: (feedId, processor, itemKey, value) =>
      transaction(async (db) => {
        await db.query(
          `INSERT INTO processor_cache (feed_id, item_key, processor, value, updated_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (feed_id, item_key, processor) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [feedId, itemKey, processor, value],
        );
      }),
    forgetProcessorValues: (feedId, current) =>
      transaction(async (db) => {
        await db.query(
          `DELETE FROM processor_cache WHERE feed_id = $1
             AND item_key NOT IN (SELECT key FROM items WHERE feed_id = $1)
             AND NOT (item_key = ANY($2::text[]))`,
          [feedId, [...current]],
        );
      }),
    readCache: (name) =>
      read(async (db) => {
        const { rows } = await db.query<{ source: string; loaded_at: string; body: string }>(
          'SELECT source, loaded_at, body FROM cached_documents WHERE name = $1',
          [name],
        );
        const row = rows[0];
        return row ? { source: row.source, loadedAt: row.loaded_at, body: row.body } : undefined;
      }),
    writeCache: (name, document) =>
      transaction(async (db) => {
        await db.query(
          `INSERT INTO cached_documents (name, source, loaded_at, body) VALUES ($1, $2, $3, $4)
           ON CONFLICT (name) DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at,
             body = excluded.body`,
          [name, document.source, document.loadedAt, document.body],
        );
      }),
    instanceHealth: () =>
      read(async (db) => {
        const { rows } = await db.query<HealthRow>(
          `SELECT ${HEALTH_COLUMNS} FROM rsshub_instances ORDER BY instance COLLATE "C"`,
        );
        return rows.map(toHealth);
      }),
    changeInstanceHealth: (instance, change) =>
      transaction(async (db) => {
        // applyInstanceHealthChange in one upsert: the row's own count, not this worker's, is
        // added to, so concurrent workers' failures add up.
        const { rows } = await db.query<HealthRow>(
          change.kind === 'answered'
            ? `INSERT INTO rsshub_instances AS r (${HEALTH_COLUMNS}) VALUES ($1, 0, NULL, NULL, NULL, $2)
               ON CONFLICT (instance) DO UPDATE SET consecutive_failures = 0, cooling_until = NULL,
                 last_error = NULL, last_failure = NULL, last_success = excluded.last_success
               RETURNING ${HEALTH_COLUMNS}`
            : `INSERT INTO rsshub_instances AS r (${HEALTH_COLUMNS})
                 VALUES ($1, 1, CASE WHEN 1 >= $4::integer THEN $5 END, $3, $2, NULL)
               ON CONFLICT (instance) DO UPDATE SET consecutive_failures = r.consecutive_failures + 1,
                 cooling_until = CASE WHEN r.consecutive_failures + 1 >= $4::integer THEN $5 ELSE r.cooling_until END,
                 last_error = excluded.last_error, last_failure = excluded.last_failure
               RETURNING ${HEALTH_COLUMNS}`,
          change.kind === 'answered'
            ? [instance, change.at]
            : [instance, change.at, change.error, change.coolAfter, change.coolingUntil],
        );
        return toHealth(rows[0]!);
      }),
    feedStatuses: () =>
      read(async (db) => {
        const { rows } = await db.query<{
          url: string;
          last_success: Date | null;
          last_error_code: string | null;
          last_error_message: string | null;
          consecutive_failures: number;
          next_check: Date | null;
          served_by: string | null;
          status: string;
          posts: string;
        }>(
          `SELECT url, last_success, last_error_code, last_error_message, consecutive_failures, next_check,
             served_by, status, (SELECT count(*) FROM items i WHERE i.feed_id = f.id) AS posts
           FROM feeds f ORDER BY url COLLATE "C"`,
        );
        return rows.map((row) => {
          const status: FeedStatus = {
            url: row.url,
            consecutiveFailures: row.consecutive_failures,
            posts: Number(row.posts),
          };
          if (row.last_success) status.lastSuccess = row.last_success.toISOString();
          if (row.last_error_code) status.lastErrorCode = row.last_error_code;
          if (row.last_error_message) status.lastErrorMessage = row.last_error_message;
          if (row.next_check) status.nextCheck = row.next_check.toISOString();
          if (row.served_by) status.servedBy = row.served_by;
          if (row.status === 'gone') status.gone = true;
          if (row.status === 'finished') status.finished = true;
          return status;
        });
      }),
    recordNextChecks: (nextChecks) =>
      transaction(async (db) => {
        if (nextChecks.size === 0) return;
        await db.query(
          `UPDATE feeds f SET next_check = c.next FROM unnest($1::text[], $2::timestamptz[]) AS c(url, next)
           WHERE f.url = c.url`,
          [[...nextChecks.keys()], [...nextChecks.values()].map((date) => date.toISOString())],
        );
      }),
    async close() {
      await pool.end();
    },
  };
}

/** The columns of item-shaped rows as arrays, for `unnest` (one round trip for any count). */
function itemColumns(rows: readonly (ItemRecord & { feedId: number })[]): unknown[] {
  return [
    rows.map((row) => row.feedId),
    rows.map((row) => row.key),
    rows.map((row) => row.contentHash),
    rows.map((row) => row.postPath),
    rows.map((row) => foldPath(row.postPath)),
    rows.map((row) => row.firstSeen),
    rows.map((row) => row.published),
  ];
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
  if (row.next_check) feed.nextCheck = row.next_check.toISOString();
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
