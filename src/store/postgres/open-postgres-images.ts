import type pg from 'pg';
import type { ImageLedger, StoredImage, UnrecordedPost } from '../image-records.ts';
import { stateError } from '../state-error.ts';
import { maskConnectionString } from './mask-connection-string.ts';

/**
 * `images: local` on a PostgreSQL state. Workers have no site: they record images as `run`
 * does (the ledger) and put each copy's bytes in `image_files`; the site's writer moves the
 * bytes into the site before it writes the posts that refer to them (`unwritten`, `bytesOf`,
 * `markWritten`), and collects copies no post uses with the ledger's queries.
 */
export interface PostgresImages {
  ledger: ImageLedger;
  /**
   * The copies as a worker sees them: a file is there once its bytes are stored. `has` takes
   * the file up (its row's time becomes now, if it was over an hour old), so the writer's
   * collection leaves it alone: the two touch one row, so either the collection deleted it
   * first (`has` is false and the image is downloaded again) or it sees the new time.
   */
  copies: {
    has(file: string): Promise<boolean>;
    put(file: string, bytes: Uint8Array): Promise<void>;
    remove(file: string): Promise<void>;
  };
  /** Copies whose bytes are not in the site yet, by name. */
  unwritten(): Promise<string[]>;
  bytesOf(file: string): Promise<Uint8Array | undefined>;
  /** The site holds these files now: their bytes are dropped, their rows kept. */
  markWritten(files: readonly string[]): Promise<void>;
  /** Files recorded as in the site, for a check against the folder. */
  written(): Promise<string[]>;
  /**
   * Forgets, in one statement, every file no use names that no worker has stored or taken up
   * for the grace period, with its URLs; returns them for the writer to delete from the site
   * (after the rows: a file a worker takes up at that moment is downloaded again, never lost).
   */
  forgetUnused(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * How old an unused file, a dead use or a post's mark must be before the writer collects it:
 * a worker stores a copy, then records it, then its uses, then the rendered post, over a
 * job's length (minutes at most); within this margin none of them is taken for garbage.
 */
export const IMAGE_GRACE_HOURS = 6;
const OLD = (column: string) => `${column} < now() - interval '${IMAGE_GRACE_HOURS} hours'`;

// A copy no use names, stored or last taken up by a worker longer ago than the grace period.
const UNUSED = `${OLD('f.stored_at')} AND NOT EXISTS (SELECT 1 FROM image_uses u WHERE u.file = f.file)`;

// A post is live while its item row, a journalled write or a render waiting for the writer names it.
const live = (table: string) =>
  `EXISTS (SELECT 1 FROM items i WHERE i.feed_id = ${table}.feed_id AND i.key = ${table}.key)
   OR EXISTS (SELECT 1 FROM pending_writes p WHERE p.feed_id = ${table}.feed_id AND p.key = ${table}.key
              AND p.action = 'write')
   OR EXISTS (SELECT 1 FROM rendered_posts r WHERE r.feed_id = ${table}.feed_id AND r.key = ${table}.key)`;

/** Opens the image tables (the store's migrations create them: open the store first). */
export async function openPostgresImages(connectionString: string): Promise<PostgresImages> {
  const reportAs = maskConnectionString(connectionString);
  const { default: postgres } = await import('pg');
  const pool = new postgres.Pool({ connectionString, max: 2 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = [], doing = 'read') => {
    try {
      return (await pool.query<R>(text, values)).rows;
    } catch (error) {
      throw stateError(error, reportAs, doing);
    }
  };
  const write = (text: string, values: unknown[] = []) => query(text, values, 'update').then(() => {});
  const upsert = (url: string, file: string | null, refused: string | null, now: Date) =>
    write(
      `INSERT INTO images (url, file, refused, checked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET file = excluded.file, refused = excluded.refused,
         checked_at = excluded.checked_at`,
      [url, file, refused, now.toISOString()],
    );

  const ledger: ImageLedger = {
    async find(url) {
      const [row] = await query<{ file: string | null; refused: string | null; checked_at: string }>(
        'SELECT file, refused, checked_at FROM images WHERE url = $1',
        [url],
      );
      if (!row) return undefined;
      const found: StoredImage =
        row.file !== null
          ? { kind: 'file', file: row.file }
          : { kind: 'refused', code: row.refused ?? '', checkedAt: row.checked_at };
      return found;
    },
    recordFile: (url, file, now) => upsert(url, file, null, now),
    recordRefusal: (url, code, now) => upsert(url, null, code, now),
    forget: (url) => write('DELETE FROM images WHERE url = $1', [url]),
    // One statement: the uses and the post's mark land together. A feed without a row has no
    // post to protect.
    recordUses: (feed, key, files) =>
      write(
        `WITH feed AS (SELECT id FROM feeds WHERE ${'id' in feed ? 'id = $1::integer' : 'url = $1::text'}),
           uses AS (INSERT INTO image_uses (feed_id, key, file, recorded_at)
             SELECT feed.id, $2, u.file, now() FROM feed, unnest($3::text[]) AS u(file)
             ON CONFLICT (feed_id, key, file) DO UPDATE SET recorded_at = excluded.recorded_at)
         INSERT INTO image_posts (feed_id, key, recorded_at) SELECT id, $2, now() FROM feed
         ON CONFLICT (feed_id, key) DO UPDATE SET recorded_at = excluded.recorded_at`,
        ['id' in feed ? feed.id : feed.source, key, [...files]],
      ),
    hasFiles: async () =>
      (await query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM image_files) AS found'))[0]!.found,
    dropDeadUses: () =>
      write(
        `WITH uses AS (DELETE FROM image_uses WHERE ${OLD('recorded_at')} AND NOT (${live('image_uses')}))
         DELETE FROM image_posts WHERE ${OLD('recorded_at')} AND NOT (${live('image_posts')})`,
      ),
    unusedFiles: async () =>
      (
        await query<{ file: string }>(
          `SELECT file FROM image_files f WHERE ${UNUSED} ORDER BY file COLLATE "C"`,
        )
      ).map((row) => row.file),
    unrecordedPosts: async () =>
      (
        await query<{ feed_id: number; key: string; post_path: string }>(
          `SELECT feed_id, key, post_path FROM items i
           WHERE NOT EXISTS (SELECT 1 FROM image_posts m WHERE m.feed_id = i.feed_id AND m.key = i.key)
           ORDER BY post_path COLLATE "C"`,
        )
      ).map((row): UnrecordedPost => ({ feedId: row.feed_id, key: row.key, postPath: row.post_path })),
    forgetFiles: (files) =>
      write(
        `WITH gone AS (DELETE FROM images WHERE file = ANY($1::text[])),
           uses AS (DELETE FROM image_uses WHERE file = ANY($1::text[]))
         DELETE FROM image_files WHERE file = ANY($1::text[])`,
        [[...files]],
      ),
  };

  return {
    ledger,
    copies: {
      // A row taken up in the last hour is only read (the collection spares it for hours yet),
      // so a feed's images do not cost a write each on every check of the feed.
      has: async (file) =>
        (
          await query<{ found: boolean }>(
            `WITH touched AS (
               UPDATE image_files SET stored_at = now()
               WHERE file = $1 AND stored_at < now() - interval '1 hour' RETURNING file)
             SELECT EXISTS (SELECT 1 FROM touched)
               OR EXISTS (SELECT 1 FROM image_files WHERE file = $1 AND stored_at >= now() - interval '1 hour')
               AS found`,
            [file],
            'update',
          )
        )[0]!.found,
      // Content-addressed: a file stored already (or already in the site) holds these bytes.
      put: (file, bytes) =>
        write(
          `INSERT INTO image_files (file, bytes, stored_at) VALUES ($1, $2, now()) ON CONFLICT (file) DO NOTHING`,
          [file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
        ),
      remove: (file) => write('DELETE FROM image_files WHERE file = $1', [file]),
    },
    unwritten: async () =>
      (
        await query<{ file: string }>(
          'SELECT file FROM image_files WHERE bytes IS NOT NULL ORDER BY file COLLATE "C"',
        )
      ).map((row) => row.file),
    async bytesOf(file) {
      const [row] = await query<{ bytes: Buffer | null }>('SELECT bytes FROM image_files WHERE file = $1', [
        file,
      ]);
      return row?.bytes ?? undefined;
    },
    markWritten: (files) =>
      write('UPDATE image_files SET bytes = NULL WHERE file = ANY($1::text[])', [[...files]]),
    written: async () =>
      (await query<{ file: string }>('SELECT file FROM image_files WHERE bytes IS NULL')).map(
        (row) => row.file,
      ),
    forgetUnused: async () =>
      (
        await query<{ file: string }>(
          `WITH gone AS (DELETE FROM image_files f WHERE ${UNUSED} RETURNING file),
             urls AS (DELETE FROM images WHERE file IN (SELECT file FROM gone))
           SELECT file FROM gone ORDER BY file COLLATE "C"`,
          [],
          'update',
        )
      ).map((row) => row.file),
    close: () => pool.end(),
  };
}
