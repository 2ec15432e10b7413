import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, type StoreOptions } from './open-store.ts';

/**
 * Opens a throwaway copy of the state database (with its WAL), so a dry run can plan exactly
 * like a real run while the real state stays untouched. Closing removes the copy.
 */
export function openSnapshotStore(statePath: string, options: StoreOptions = { fsync: false }): Store {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-dry-run-'));
  const copy = join(folder, 'state.db');
  for (const suffix of ['', '-wal']) {
    if (existsSync(statePath + suffix)) copyFileSync(statePath + suffix, copy + suffix);
  }
  let store: Store;
  try {
    // Errors name the real database: the copy is an implementation detail.
    store = openStore(copy, { ...options, reportAs: statePath });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    ...store,
    close() {
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
