import { existsSync, renameSync, rmSync } from 'node:fs';

const SIDE_FILES = ['-wal', '-shm'];

/**
 * Puts the database built at `fresh` in place of `target`, keeping the old one (with its
 * write-ahead log, so it stays readable) as `<target>.bak`; returns the backup's path, if any.
 * Every intermediate state is safe: the old database, no database (the next run adopts the
 * posts), or the new one.
 */
export function replaceStateDatabase(fresh: string, target: string): string | undefined {
  let backup: string | undefined;
  if (existsSync(target)) {
    backup = `${target}.bak`;
    removeDatabase(backup);
    renameSync(target, backup);
    for (const suffix of SIDE_FILES)
      if (existsSync(target + suffix)) renameSync(target + suffix, backup + suffix);
  } else {
    for (const suffix of SIDE_FILES) rmSync(target + suffix, { force: true });
  }
  for (const suffix of SIDE_FILES)
    if (existsSync(fresh + suffix)) renameSync(fresh + suffix, target + suffix);
  renameSync(fresh, target);
  return backup;
}

/** Deletes a database file with its write-ahead log and shared-memory index. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(path + suffix, { force: true });
}
