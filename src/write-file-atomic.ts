import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FeedmillError } from './errors.ts';

/**
 * Writes a whole file or nothing: a temporary file in the same folder, then rename. `mode` (for
 * a new file; the umask applies) keeps a file private, e.g. 0o600.
 */
export function writeFileAtomic(path: string, content: string, options: { mode?: number } = {}): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, options.mode === undefined ? undefined : { mode: options.mode });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FeedmillError(
      'WRITE_FAILED',
      `cannot write ${path}: ${(error as Error).message} (check the folder exists and is writable)`,
      { path },
    );
  }
}
