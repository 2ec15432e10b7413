import type pg from 'pg';
import type { RenderedPost } from '../pipeline/index.ts';
import { maskConnectionString, type SuccessUpdate, stateError } from '../store/index.ts';

/** One feed's output waiting for the site's writer. */
export interface RenderedFeed {
  feedId: number;
  url: string;
  update: SuccessUpdate;
  /** When the newest render of the feed was stored; rows up to it are cleared once applied. */
  renderedAt: Date;
  posts: RenderedPost[];
}

/** A worker's row for `status`: who it is and when it last said it was alive. */
export interface WorkerHeartbeat {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  lastHeartbeat: Date;
  jobsDone: number;
}

/** The tables between workers and the writer: rendered posts, pending validators, heartbeats. */
export interface RenderedStore {
  /** The validators of a render not published yet, sent instead of the feed's own. */
  pendingValidators(feedId: number): Promise<SuccessUpdate['validators'] | undefined>;
  /** The processors' remembered values of a feed, keyed by `cacheKey(processor, item)`. */
  processorValues(feedId: number): Promise<Map<string, string>>;
  /**
   * One transaction: the posts (overwriting a retried job's rows, never duplicating), the
   * feed's new validators (and whether it said it is finished, with its next check) and the
   * processors' new values.
   */
  saveRendered(
    feedId: number,
    posts: readonly RenderedPost[],
    update: SuccessUpdate,
    cacheWrites: ReadonlyMap<string, string>,
    now: Date,
  ): Promise<void>;
  /** Every feed with output waiting, ordered by url, its posts in the feed's order. */
  renderedFeeds(): Promise<RenderedFeed[]>;
  /** Clears what was applied: rows rendered up to `renderedAt` (a newer render stays). */
  clearRendered(feedId: number, renderedAt: Date): Promise<void>;
  heartbeat(worker: Omit<WorkerHeartbeat, 'lastHeartbeat'>, now: Date): Promise<void>;
  workers(): Promise<WorkerHeartbeat[]>;
  close(): Promise<void>;
}

/** Opens the rendered-output tables (the store's migrations create them: open the store first). */
export async function openRenderedStore(connectionString: string): Promise<RenderedStore> {
  const reportAs = maskConnectionString(connectionString);
  const { default: postgres } = await import('pg');
  const pool = new postgres.Pool({ connectionString, max: 2 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    try {
      return (await pool.query<R>(text, values)).rows;
    } catch (error) {
      throw stateError(error, reportAs, 'read');
    }
  };
  return {
    async pendingValidators(feedId) {
      const [row] = await query<{ etag: string | null; last_modified: string | null }>(
        'SELECT etag, last_modified FROM rendered_feeds WHERE feed_id = $1',
        [feedId],
      );
      if (!row) return undefined;
      return {
        ...(row.etag ? { etag: row.etag } : {}),
        ...(row.last_modified ? { lastModified: row.last_modified } : {}),
      };
    },
    async processorValues(feedId) {
      const rows = await query<{ processor: string; item_key: string; value: string }>(
        'SELECT processor, item_key, value FROM processor_cache WHERE feed_id = $1',
        [feedId],
      );
      return new Map(rows.map((row) => [`${row.processor}\u0000${row.item_key}`, row.value]));
    },
    async saveRendered(feedId, posts, update, cacheWrites, now) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw stateError(error, reportAs, 'update');
      }
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO rendered_posts (feed_id, key, position, folder, file_name, unique_file_name,
             content, first_seen, published, rendered_at)
           SELECT $1, u.*, $10::timestamptz FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[],
             $6::text[], $7::text[], $8::text[], $9::text[]) AS u
           ON CONFLICT (feed_id, key) DO UPDATE SET position = excluded.position, folder = excluded.folder,
             file_name = excluded.file_name, unique_file_name = excluded.unique_file_name,
             content = excluded.content, first_seen = excluded.first_seen,
             published = excluded.published, rendered_at = excluded.rendered_at`,
          [
            feedId,
            posts.map((post) => post.key),
            posts.map((_, index) => index),
            posts.map((post) => post.folder),
            posts.map((post) => post.fileName),
            posts.map((post) => post.uniqueFileName),
            posts.map((post) => post.content),
            posts.map((post) => post.firstSeen),
            posts.map((post) => post.published),
            now,
          ],
        );
        await client.query(
          `INSERT INTO rendered_feeds (feed_id, etag, last_modified, moved_to, served_by, finished,
             next_check, rendered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (feed_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
             moved_to = excluded.moved_to, served_by = excluded.served_by, finished = excluded.finished,
             next_check = excluded.next_check, rendered_at = excluded.rendered_at`,
          [
            feedId,
            update.validators.etag ?? null,
            update.validators.lastModified ?? null,
            update.movedTo ?? null,
            update.servedBy ?? null,
            update.finished === true,
            update.nextCheck ?? null,
            now,
          ],
        );
        const writes = [...cacheWrites].map(([key, value]) => [...key.split('\u0000'), value] as const);
        if (writes.length > 0)
          await client.query(
            `INSERT INTO processor_cache (feed_id, processor, item_key, value, updated_at)
             SELECT $1, u.*, $5::timestamptz FROM unnest($2::text[], $3::text[], $4::text[]) AS u
             ON CONFLICT (feed_id, item_key, processor) DO UPDATE SET value = excluded.value,
               updated_at = excluded.updated_at`,
            [
              feedId,
              writes.map((write) => write[0]),
              writes.map((write) => write[1]),
              writes.map((write) => write[2]),
              now,
            ],
          );
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.release(error instanceof Error ? error : true);
        throw stateError(error, reportAs, 'update');
      }
    },
    async renderedFeeds() {
      const feeds = await query<{
        feed_id: number;
        url: string;
        etag: string | null;
        last_modified: string | null;
        moved_to: string | null;
        served_by: string | null;
        finished: boolean;
        next_check: Date | null;
        rendered_at: Date;
      }>(
        `SELECT r.feed_id, f.url, r.etag, r.last_modified, r.moved_to, r.served_by, r.finished,
           r.next_check, r.rendered_at
         FROM rendered_feeds r JOIN feeds f ON f.id = r.feed_id ORDER BY f.url`,
      );
      const result: RenderedFeed[] = [];
      for (const feed of feeds) {
        const posts = await query<{
          key: string;
          folder: string;
          file_name: string;
          unique_file_name: string;
          content: string;
          first_seen: string;
          published: string;
        }>(
          `SELECT key, folder, file_name, unique_file_name, content, first_seen, published
           FROM rendered_posts WHERE feed_id = $1 AND rendered_at <= $2 ORDER BY position, key`,
          [feed.feed_id, feed.rendered_at],
        );
        result.push({
          feedId: feed.feed_id,
          url: feed.url,
          renderedAt: feed.rendered_at,
          update: {
            validators: {
              ...(feed.etag ? { etag: feed.etag } : {}),
              ...(feed.last_modified ? { lastModified: feed.last_modified } : {}),
            },
            ...(feed.moved_to ? { movedTo: feed.moved_to } : {}),
            ...(feed.served_by ? { servedBy: feed.served_by } : {}),
            ...(feed.finished ? { finished: true } : {}),
            ...(feed.next_check ? { nextCheck: feed.next_check } : {}),
          },
          posts: posts.map((post) => ({
            key: post.key,
            folder: post.folder,
            fileName: post.file_name,
            uniqueFileName: post.unique_file_name,
            content: post.content,
            firstSeen: post.first_seen,
            published: post.published,
          })),
        });
      }
      return result;
    },
    async clearRendered(feedId, renderedAt) {
      await query('DELETE FROM rendered_posts WHERE feed_id = $1 AND rendered_at <= $2', [
        feedId,
        renderedAt,
      ]);
      await query('DELETE FROM rendered_feeds WHERE feed_id = $1 AND rendered_at <= $2', [
        feedId,
        renderedAt,
      ]);
    },
    async heartbeat(worker, now) {
      await query(
        `INSERT INTO workers (id, host, pid, started_at, last_heartbeat, jobs_done)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET last_heartbeat = excluded.last_heartbeat, jobs_done = excluded.jobs_done`,
        [worker.id, worker.host, worker.pid, worker.startedAt, now, worker.jobsDone],
      );
    },
    async workers() {
      const rows = await query<{
        id: string;
        host: string;
        pid: number;
        started_at: Date;
        last_heartbeat: Date;
        jobs_done: number;
      }>('SELECT id, host, pid, started_at, last_heartbeat, jobs_done FROM workers ORDER BY id');
      return rows.map((row) => ({
        id: row.id,
        host: row.host,
        pid: row.pid,
        startedAt: row.started_at,
        lastHeartbeat: row.last_heartbeat,
        jobsDone: row.jobs_done,
      }));
    },
    async close() {
      await pool.end();
    },
  };
}
