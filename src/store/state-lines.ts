import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { FeedmillError } from '../errors.ts';
import { checkIntegrity } from './check-integrity.ts';
import { foldPath } from './fold-path.ts';
import { IMAGE_FILE_NAME } from './image-records.ts';
import { openStateDatabase } from './open-store.ts';
import { stateError } from './state-error.ts';

/** The first line of an export: what it is and which format version. */
const HEADER = { feedmill_state: 1 };

const FEED_COLUMNS = [
  'url',
  'status',
  'etag',
  'last_modified',
  'last_success',
  'last_error_code',
  'last_error_message',
  'consecutive_failures',
  'next_check',
  'redirected_url',
  'served_by',
  // Last, so exports of unnamed feeds keep their bytes: a named feed's edited url keeps its row.
  'name',
] as const;
const ITEM_COLUMNS = ['key', 'content_hash', 'post_path', 'first_seen', 'published'] as const;
const PRUNED_COLUMNS = ['key', 'pruned_at'] as const;
const IMAGE_COLUMNS = ['url', 'file', 'refused', 'checked_at'] as const;

/**
 * The state as text, one JSON object a line, in a fixed order (feeds by url, then items and
 * tombstones by feed and key; keys in a fixed order), so the same state always gives the same
 * bytes and a change shows as a small diff (for keeping history in git). The write journal and
 * the RSSHub catalogue cache are left out: the one is settled by the next run, the other is
 * fetched again.
 */
/**
 * An image's file name as feedmill gives them; any other (an edited state file's `../x.png`)
 * would make posts name a path outside the site's image folder.
 */
function imageFileName(value: unknown, where: string): string {
  if (typeof value !== 'string' || !IMAGE_FILE_NAME.test(value))
    throw new FeedmillError(
      'USAGE',
      `${where}: ${JSON.stringify(value)} is not an image file name feedmill gives`,
    );
  return value;
}

export function exportStateLines(statePath: string): string[] {
  if (!existsSync(statePath))
    throw new FeedmillError('STATE_FAILED', `there is no state database at ${statePath} to export`, {
      path: statePath,
    });
  let db: Database.Database | undefined;
  try {
    db = openStateDatabase(statePath);
    checkIntegrity(db);
    const open = db;
    // One read transaction: a run committing meanwhile is seen wholly or not at all.
    return open.transaction(() => {
      const lines = [JSON.stringify(HEADER)];
      const rows = (sql: string) => open.prepare<[], Record<string, unknown>>(sql).all();
      for (const row of rows(`SELECT ${FEED_COLUMNS.join(', ')} FROM feeds ORDER BY url`))
        lines.push(line('feed', row, FEED_COLUMNS));
      const byFeed = 'FROM {table} t JOIN feeds f ON f.id = t.feed_id ORDER BY f.url, t.key';
      for (const row of rows(
        `SELECT f.url AS feed, ${ITEM_COLUMNS.map((column) => `t.${column}`).join(', ')} ${byFeed.replace('{table}', 'items')}`,
      ))
        lines.push(line('item', row, ['feed', ...ITEM_COLUMNS]));
      for (const row of rows(
        `SELECT f.url AS feed, ${PRUNED_COLUMNS.map((column) => `t.${column}`).join(', ')} ${byFeed.replace('{table}', 'pruned_items')}`,
      ))
        lines.push(line('pruned', row, ['feed', ...PRUNED_COLUMNS]));
      // Local image copies (images: local): URL → file or refusal, then which post uses which file.
      for (const row of rows(`SELECT ${IMAGE_COLUMNS.join(', ')} FROM images ORDER BY url`))
        lines.push(line('image', row, IMAGE_COLUMNS));
      for (const row of rows(
        'SELECT f.url AS feed, t.key, t.file FROM image_uses t JOIN feeds f ON f.id = t.feed_id ORDER BY f.url, t.key, t.file',
      ))
        lines.push(line('image_use', row, ['feed', 'key', 'file']));
      return lines;
    })();
  } catch (error) {
    throw stateError(error, statePath, 'read');
  } finally {
    db?.close();
  }
}

function line(type: string, row: Record<string, unknown>, columns: readonly string[]): string {
  const ordered: Record<string, unknown> = { type };
  for (const column of columns)
    if (row[column] !== null && row[column] !== undefined) ordered[column] = row[column];
  return JSON.stringify(ordered);
}

/**
 * Builds a new state database at `intoPath` from exported lines (see exportStateLines), in one
 * transaction; a line that is not part of an export is an error naming its number.
 * Returns how many feeds, items and tombstones were read.
 */
export function importStateLines(
  lines: Iterable<string>,
  intoPath: string,
  source: string,
): { feeds: number; items: number; pruned: number } {
  const db = openStateDatabase(intoPath);
  const counts = { feeds: 0, items: 0, pruned: 0 };
  try {
    const insertFeed = db.prepare(
      `INSERT INTO feeds (${FEED_COLUMNS.join(', ')}) VALUES (${FEED_COLUMNS.map((column) => `@${column}`).join(', ')})`,
    );
    const feedId = db.prepare<[string], { id: number }>('SELECT id FROM feeds WHERE url = ?');
    const insertItem = db.prepare(
      `INSERT INTO items (feed_id, key, content_hash, post_path, path_fold, first_seen, published)
       VALUES (@feed_id, @key, @content_hash, @post_path, @path_fold, @first_seen, @published)`,
    );
    const insertPruned = db.prepare(
      'INSERT INTO pruned_items (feed_id, key, pruned_at) VALUES (@feed_id, @key, @pruned_at)',
    );
    const insertImage = db.prepare(
      'INSERT INTO images (url, file, refused, checked_at) VALUES (@url, @file, @refused, @checked_at)',
    );
    const insertImageUse = db.prepare(
      'INSERT OR IGNORE INTO image_uses (feed_id, key, file) VALUES (@feed_id, @key, @file)',
    );
    const insert = (record: Record<string, unknown>, where: string) => {
      const feedOf = () => {
        const row = feedId.get(stringField(record, 'feed', where));
        if (!row)
          throw new FeedmillError('USAGE', `${where}: feed ${String(record.feed)} is not listed before it`);
        return row.id;
      };
      if (record.type === 'feed') {
        stringField(record, 'url', where);
        const row: Record<string, unknown> = {};
        for (const column of FEED_COLUMNS) row[column] = record[column] ?? null;
        row.status ??= 'active';
        row.consecutive_failures ??= 0;
        insertFeed.run(row);
        counts.feeds++;
      } else if (record.type === 'item') {
        const postPath = stringField(record, 'post_path', where);
        insertItem.run({
          feed_id: feedOf(),
          key: stringField(record, 'key', where),
          content_hash: stringField(record, 'content_hash', where),
          post_path: postPath,
          path_fold: foldPath(postPath),
          first_seen: stringField(record, 'first_seen', where),
          published: stringField(record, 'published', where),
        });
        counts.items++;
      } else if (record.type === 'pruned') {
        insertPruned.run({
          feed_id: feedOf(),
          key: stringField(record, 'key', where),
          pruned_at: stringField(record, 'pruned_at', where),
        });
        counts.pruned++;
      } else if (record.type === 'image') {
        const file = record.file ?? null;
        const refused = record.refused ?? null;
        if (
          (file === null) === (refused === null) ||
          ![file, refused].some((value) => typeof value === 'string')
        )
          throw new FeedmillError('USAGE', `${where}: an image has either "file" or "refused"`);
        if (file !== null) imageFileName(file, where);
        insertImage.run({
          url: stringField(record, 'url', where),
          file,
          refused,
          checked_at: stringField(record, 'checked_at', where),
        });
      } else if (record.type === 'image_use') {
        insertImageUse.run({
          feed_id: feedOf(),
          key: stringField(record, 'key', where),
          file: imageFileName(stringField(record, 'file', where), where),
        });
      } else throw new FeedmillError('USAGE', `${where}: unknown type ${JSON.stringify(record.type)}`);
    };
    db.transaction(() => {
      let number = 0;
      for (const text of lines) {
        number++;
        const where = `${source}:${number}`;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw new FeedmillError('USAGE', `${where}: not a JSON line of a feedmill state export`);
        }
        if (!value || typeof value !== 'object' || Array.isArray(value))
          throw new FeedmillError('USAGE', `${where}: not a JSON object`);
        const record = value as Record<string, unknown>;
        if (number === 1) {
          if (record.feedmill_state !== HEADER.feedmill_state)
            throw new FeedmillError(
              'USAGE',
              `${where}: not a feedmill state export (the first line must be ${JSON.stringify(HEADER)})`,
            );
          continue;
        }
        try {
          insert(record, where);
        } catch (error) {
          // A duplicate feed, item key or post path: the file was edited by hand.
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
            throw new FeedmillError('USAGE', `${where}: ${(error as Error).message}`);
          throw error;
        }
      }
      if (number === 0) throw new FeedmillError('USAGE', `${source} is empty`);
    })();
    return counts;
  } catch (error) {
    if (error instanceof FeedmillError) throw error;
    throw stateError(error, intoPath);
  } finally {
    db.close();
  }
}

function stringField(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  if (typeof value !== 'string') throw new FeedmillError('USAGE', `${where}: "${field}" must be a string`);
  return value;
}
