import type Database from 'better-sqlite3';

/**
 * The names local image copies get (see imageFileName in process/images): a SHA-256 in hex and
 * a known extension. Anything else in a state file was not written by feedmill.
 */
export const IMAGE_FILE_NAME = /^[0-9a-f]{64}\.(?:png|jpg|gif|webp|avif)$/;

/** What the state remembers about one image URL: its local file, or why it was refused and when. */
export type StoredImage =
  | { kind: 'file'; file: string }
  | { kind: 'refused'; code: string; checkedAt: string };

/** A live post whose local images are not recorded yet (adopted, imported, or from before `images: local`). */
export interface UnrecordedPost {
  feedId: number;
  key: string;
  postPath: string;
}

/** A value now (the SQLite records) or later (a worker's PostgreSQL records). */
type Answer<T> = T | Promise<T>;

/**
 * The image records as the images processor and garbage collection use them, on either
 * backend: the SQLite records (ImageRecords) answer at once, PostgreSQL's later.
 */
export interface ImageLedger {
  find(url: string): Answer<StoredImage | undefined>;
  recordFile(url: string, file: string, now: Date): Answer<void>;
  recordRefusal(url: string, code: string, now: Date): Answer<void>;
  forget(url: string): Answer<void>;
  recordUses(feed: { id: number } | { source: string }, key: string, files: readonly string[]): Answer<void>;
  hasFiles(): Answer<boolean>;
  dropDeadUses(): Answer<void>;
  unusedFiles(): Answer<string[]>;
  unrecordedPosts(): Answer<UnrecordedPost[]>;
  forgetFiles(files: readonly string[]): Answer<void>;
}

/**
 * The images table of the state: which source URL became which local file (or was refused),
 * and which posts use which file, so that a re-run downloads nothing and pruning a post
 * removes only images no other post uses.
 */
export interface ImageRecords extends ImageLedger {
  find(url: string): StoredImage | undefined;
  /** Records an image's local file; call it once the file is durably on disk. */
  recordFile(url: string, file: string, now: Date): void;
  /** Records that an image was refused (not an image, too large, gone), so it is not fetched again soon. */
  recordRefusal(url: string, code: string, now: Date): void;
  /** Forgets a URL whose file vanished from disk, so it is downloaded again. */
  forget(url: string): void;
  /**
   * Adds the files a post uses (never removes any: an older version of the post may still be
   * on disk) and marks the post's uses as recorded. Call it before the post is written.
   */
  recordUses(feed: { id: number } | { source: string }, key: string, files: readonly string[]): void;
  /** Whether any local file is recorded at all (garbage collection has nothing to do otherwise). */
  hasFiles(): boolean;
  /** Drops uses (and marks) of posts that no longer exist: no item row and no journalled write. */
  dropDeadUses(): void;
  /** Files no live post uses. */
  unusedFiles(): string[];
  /** Live posts whose uses are not recorded. */
  unrecordedPosts(): UnrecordedPost[];
  /** Forgets files (their URLs and uses) once they are deleted from disk. */
  forgetFiles(files: readonly string[]): void;
}

/**
 * The image queries over the state database (tables of migration 7); `guard` turns database
 * failures into the store's STATE_FAILED errors.
 */
export function createImageRecords(
  db: Database.Database,
  guard: <T>(work: () => T) => T = (work) => work(),
): ImageRecords {
  const select = db.prepare<[string], { file: string | null; refused: string | null; checked_at: string }>(
    'SELECT file, refused, checked_at FROM images WHERE url = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO images (url, file, refused, checked_at) VALUES (@url, @file, @refused, @checkedAt)
     ON CONFLICT (url) DO UPDATE SET file = excluded.file, refused = excluded.refused, checked_at = excluded.checked_at`,
  );
  const deleteUrl = db.prepare<[string]>('DELETE FROM images WHERE url = ?');
  const feedId = db.prepare<[string], { id: number }>('SELECT id FROM feeds WHERE url = ?');
  const insertUse = db.prepare<[number, string, string]>(
    'INSERT OR IGNORE INTO image_uses (feed_id, key, file) VALUES (?, ?, ?)',
  );
  const markRecorded = db.prepare<[number, string]>(
    'INSERT OR IGNORE INTO image_posts (feed_id, key) VALUES (?, ?)',
  );
  const anyFile = db.prepare<[], { found: number }>(
    'SELECT EXISTS (SELECT 1 FROM images WHERE file IS NOT NULL) AS found',
  );
  const live = (table: string) =>
    `EXISTS (SELECT 1 FROM items i WHERE i.feed_id = ${table}.feed_id AND i.key = ${table}.key)
     OR EXISTS (SELECT 1 FROM pending_writes p WHERE p.feed_id = ${table}.feed_id AND p.key = ${table}.key
                AND p.action = 'write')`;
  const dropDeadUses = db.prepare(`DELETE FROM image_uses WHERE NOT (${live('image_uses')})`);
  const dropDeadMarks = db.prepare(`DELETE FROM image_posts WHERE NOT (${live('image_posts')})`);
  const unused = db.prepare<[], { file: string }>(
    `SELECT DISTINCT file FROM images
     WHERE file IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image_uses u WHERE u.file = images.file)
     ORDER BY file`,
  );
  const unrecorded = db.prepare<[], { feed_id: number; key: string; post_path: string }>(
    `SELECT feed_id, key, post_path FROM items i
     WHERE NOT EXISTS (SELECT 1 FROM image_posts m WHERE m.feed_id = i.feed_id AND m.key = i.key)
     ORDER BY post_path`,
  );
  const deleteFile = db.prepare<[string]>('DELETE FROM images WHERE file = ?');
  const deleteFileUses = db.prepare<[string]>('DELETE FROM image_uses WHERE file = ?');

  const recordUses = db.transaction((id: number, key: string, files: readonly string[]) => {
    for (const file of files) insertUse.run(id, key, file);
    markRecorded.run(id, key);
  });
  const forgetFiles = db.transaction((files: readonly string[]) => {
    for (const file of files) {
      deleteFile.run(file);
      deleteFileUses.run(file);
    }
  });
  const collect = db.transaction(() => {
    dropDeadUses.run();
    dropDeadMarks.run();
  });

  return {
    find: (url) => guard(() => find(url)),
    recordFile: (url, file, now) =>
      guard(() => upsert.run({ url, file, refused: null, checkedAt: now.toISOString() })),
    recordRefusal: (url, code, now) =>
      guard(() => upsert.run({ url, file: null, refused: code, checkedAt: now.toISOString() })),
    forget: (url) => guard(() => deleteUrl.run(url)),
    recordUses: (feed, key, files) =>
      guard(() => {
        const id = 'id' in feed ? feed.id : feedId.get(feed.source)?.id;
        // A feed row exists before its items are processed; without one there is no post to protect.
        if (id !== undefined) recordUses(id, key, files);
      }),
    hasFiles: () => guard(() => anyFile.get()!.found === 1),
    dropDeadUses: () => guard(() => collect()),
    unusedFiles: () => guard(() => unused.all().map((row) => row.file)),
    unrecordedPosts: () =>
      guard(() =>
        unrecorded.all().map((row) => ({ feedId: row.feed_id, key: row.key, postPath: row.post_path })),
      ),
    forgetFiles: (files) => guard(() => forgetFiles(files)),
  };

  function find(url: string): StoredImage | undefined {
    const row = select.get(url);
    if (!row) return undefined;
    if (row.file !== null) return { kind: 'file', file: row.file };
    return { kind: 'refused', code: row.refused ?? '', checkedAt: row.checked_at };
  }
}
