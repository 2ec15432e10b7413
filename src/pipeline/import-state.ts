import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { importStateLines, removeDatabase, replaceStateDatabase } from '../store/index.ts';
import { acquireSiteLock } from './site-lock.ts';

/** What `feedmill state import` did. */
export interface ImportReport {
  feeds: number;
  items: number;
  pruned: number;
  /** Where the database it replaced was moved. */
  backup?: string;
}

/**
 * Replaces the state database with one built from an export (`feedmill state export`), under
 * the site lock; the old database is kept as `state.db.bak`. Nothing changes if a line is bad.
 */
export function importState(loaded: LoadedConfig, text: string, source: string): ImportReport {
  const lock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
  try {
    const fresh = `${loaded.statePath}.import`;
    removeDatabase(fresh);
    let counts: Omit<ImportReport, 'backup'>;
    try {
      counts = importStateLines(text.split(/\r?\n/), fresh, source);
    } catch (error) {
      removeDatabase(fresh);
      throw error;
    }
    const backup = replaceStateDatabase(fresh, loaded.statePath);
    return { ...counts, ...(backup ? { backup } : {}) };
  } finally {
    lock.release();
  }
}
