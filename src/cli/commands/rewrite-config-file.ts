import { chmodSync, realpathSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../../write-file-atomic.ts';

/**
 * Replaces feedmill.yml with `text` atomically (all or nothing), as the file it is: a symlink
 * (a config kept with dotfiles) is written through, not replaced by a file, and the file keeps
 * its permissions, which matter: a config holding an RSSHub key is often private (0600).
 */
export function rewriteConfigFile(file: string, text: string): void {
  let target = file;
  let mode: number | undefined;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // No such file yet: it is created.
  }
  writeFileAtomic(target, text, mode === undefined ? {} : { mode });
  // The umask may have taken bits from the new file's mode: give back exactly the old one.
  if (mode !== undefined) chmodSync(target, mode);
}
