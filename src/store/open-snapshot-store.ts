import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from './open-store.ts';

/**
 * Opens a throwaway copy of the state database (with its WAL), so a dry run can plan exactly
 * like a real run while the real state stays untouched. Closing removes the copy.
 */
export function openSnapshotStore(statePath: string, options?: Parameters<typeof openStore>[1]): Store {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-dry-run-'));
  const copy = join(folder, 'state.db');
  for (const suffix of ['', '-wal']) {
    if (existsSync(statePath + suffix)) copyFileSync(statePath + suffix, copy + suffix);
  }
  const store = openStore(copy, options);
  return {
    ...store,
    close() {
      store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
