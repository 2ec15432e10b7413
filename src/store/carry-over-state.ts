import type Database from 'better-sqlite3';
import type { FeedmillError } from '../errors.ts';
import { checkIntegrity } from './check-integrity.ts';
import { openStateDatabase } from './open-store.ts';
import { SqliteDatabase } from './sqlite-driver.ts';
import { stateError } from './state-error.ts';

/** What a rebuild keeps of the database it replaces. */
export type CarryOver =
  | {
      kind: 'kept';
      /** Feed rows copied with their validators, backoff and errors. */
      feeds: number;
      /** The old items, so that adopted posts keep their real key and first-seen date. */
      items: { url: string; key: string; firstSeen: string }[];
    }
  | { kind: 'damaged'; error: FeedmillError };

/** Tables copied as they are; items are rebuilt from the posts and the journal is dropped. */
// Local image copies and their uses are kept too (which posts' uses are recorded is not: the
// garbage collector reads adopted posts again before it deletes any image).
const KEPT_TABLES = [
  'feeds',
  'pruned_items',
  'rsshub_catalogue',
  'processor_cache',
  'images',
  'image_uses',
] as const;

/**
 * Creates the database at `intoPath` (latest schema) and copies into it, in one transaction,
 * what the old database at `fromPath` knows beyond the posts: feeds (validators, backoff,
 * errors, redirects), tombstones of pruned items, the RSSHub catalogue cache and what item
 * processors remember (extracted articles: a rebuild must not refetch them). A damaged
 * or unreadable old database is reported, and the new one starts empty.
 */
export function carryOverState(fromPath: string, intoPath: string): CarryOver {
  const into = openStateDatabase(intoPath);
  let from: Database.Database | undefined;
  try {
    from = new SqliteDatabase(fromPath, { readonly: true, fileMustExist: true });
    checkIntegrity(from);
    const old = from;
    const feeds = into.transaction(() => {
      let copiedFeeds = 0;
      for (const table of KEPT_TABLES) {
        const columns = sharedColumns(old, into, table);
        if (columns.length === 0) continue;
        const list = columns.join(', ');
        const insert = into.prepare(
          `INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
        );
        let count = 0;
        for (const row of old.prepare(`SELECT ${list} FROM ${table}`).iterate())
          count += insert.run(row as Record<string, unknown>).changes;
        if (table === 'feeds') copiedFeeds = count;
      }
      return copiedFeeds;
    })();
    const items = old
      .prepare<[], { url: string; key: string; firstSeen: string }>(
        'SELECT f.url AS url, i.key AS key, i.first_seen AS firstSeen FROM items i JOIN feeds f ON f.id = i.feed_id',
      )
      .all();
    return { kind: 'kept', feeds, items };
  } catch (error) {
    return { kind: 'damaged', error: stateError(error, fromPath, 'read') };
  } finally {
    from?.close();
    into.close();
  }
}

function sharedColumns(from: Database.Database, into: Database.Database, table: string): string[] {
  const columns = (db: Database.Database) =>
    db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((row) => row.name);
  const wanted = new Set(columns(into));
  return columns(from).filter((name) => wanted.has(name));
}
