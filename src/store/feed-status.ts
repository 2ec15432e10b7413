import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { checkIntegrity } from './check-integrity.ts';
import { SqliteDatabase } from './sqlite-driver.ts';
import { stateError } from './state-error.ts';

/** What `feedmill status` shows about one stored feed. */
export interface FeedStatus {
  url: string;
  lastSuccess?: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  consecutiveFailures: number;
  nextCheck?: string;
  /** The RSSHub instance that answered last (key masked). */
  servedBy?: string;
  /** A 410 answer ended the feed: it is not polled until its url changes. */
  gone?: boolean;
  /**
   * Its last answer said it is finished (JSON Feed `expired`): it will not be updated again, is
   * checked once a day (`nextCheck`) and is active again once an answer no longer says so.
   */
  finished?: boolean;
  posts: number;
}

// The columns status shows; a database from an older feedmill may lack some (read as unknown).
const WANTED = [
  'url',
  'last_success',
  'last_error_code',
  'last_error_message',
  'consecutive_failures',
  'next_check',
  'served_by',
  'status',
] as const;

/**
 * Reads every feed's status from the state database, read-only (a missing database means no
 * feed ever ran). Columns a schema lacks read as unknown rather than failing.
 */
export function readFeedStatus(statePath: string): FeedStatus[] {
  if (!existsSync(statePath)) return [];
  let db: Database.Database;
  try {
    db = new SqliteDatabase(statePath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw stateError(error, statePath, 'open');
  }
  try {
    // A damaged database fails status too, with what to do, rather than showing what it can.
    checkIntegrity(db);
    const present = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('feeds')")
        .all()
        .map((row) => row.name),
    );
    if (!present.has('url')) return [];
    const columns = WANTED.map((name) => (present.has(name) ? `f.${name}` : `NULL AS ${name}`)).join(', ');
    const rows = db
      .prepare<[], Record<(typeof WANTED)[number] | 'posts', string | number | null>>(
        `SELECT ${columns}, (SELECT count(*) FROM items i WHERE i.feed_id = f.id) AS posts FROM feeds f ORDER BY f.url`,
      )
      .all();
    return rows.map((row) => {
      const status: FeedStatus = {
        url: String(row.url),
        consecutiveFailures: Number(row.consecutive_failures ?? 0),
        posts: Number(row.posts ?? 0),
      };
      if (row.last_success) status.lastSuccess = String(row.last_success);
      if (row.last_error_code) status.lastErrorCode = String(row.last_error_code);
      if (row.last_error_message) status.lastErrorMessage = String(row.last_error_message);
      if (row.next_check) status.nextCheck = String(row.next_check);
      if (row.served_by) status.servedBy = String(row.served_by);
      if (row.status === 'gone') status.gone = true;
      if (row.status === 'finished') status.finished = true;
      return status;
    });
  } catch (error) {
    throw stateError(error, statePath, 'read');
  } finally {
    db.close();
  }
}

/**
 * Records when `feedmill watch` will next check each feed (by its configured address), so
 * `feedmill status` can show it. Feeds without a row yet are skipped; a schema without the
 * column is left alone.
 */
export function recordNextChecks(statePath: string, nextChecks: ReadonlyMap<string, Date>): void {
  if (nextChecks.size === 0 || !existsSync(statePath)) return;
  let db: Database.Database | undefined;
  try {
    db = new SqliteDatabase(statePath, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const hasColumn = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('feeds')")
      .all()
      .some((row) => row.name === 'next_check');
    if (!hasColumn) return;
    const update = db.prepare<[string, string]>('UPDATE feeds SET next_check = ? WHERE url = ?');
    db.transaction(() => {
      for (const [url, next] of nextChecks) update.run(next.toISOString(), url);
    })();
  } catch (error) {
    throw stateError(error, statePath);
  } finally {
    db?.close();
  }
}
