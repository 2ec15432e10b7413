import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GarbageReport, ImageFolder } from '../process/index.ts';
import { recordUnrecordedPosts } from '../process/index.ts';
import type { PostgresImages } from '../store/index.ts';

/**
 * Puts the copies workers stored in PostgreSQL into the site's image folder, each durably
 * before its bytes are dropped from the database, and before the writer writes any post
 * that refers to them. A file the state says the site holds but the folder lacks (deleted
 * by hand) is forgotten, so the next worker to meet its image downloads it again.
 */
export async function writeImageCopies(images: PostgresImages, folder: ImageFolder): Promise<number> {
  const missing: string[] = [];
  for (const file of await images.written()) if (!(await folder.has(file))) missing.push(file);
  if (missing.length > 0) await images.ledger.forgetFiles(missing);
  let written = 0;
  for (const file of await images.unwritten()) {
    // One copy in memory at a time: a site's images may add up to more than the writer's memory.
    const bytes = await images.bytesOf(file);
    if (bytes === undefined) continue;
    if (!(await folder.has(file))) await folder.put(file, bytes);
    await images.markWritten([file]);
    written++;
  }
  return written;
}

/**
 * Deletes the site's copies no post uses any more, as `run` does on SQLite (posts whose uses
 * are not recorded are read first), while workers go on rendering: the rows go first, in one
 * statement that spares any file a worker has stored or taken up lately (see forgetUnused).
 */
export async function collectPostgresImages(
  images: PostgresImages,
  folder: ImageFolder,
  postsRoot: string,
): Promise<GarbageReport> {
  const report: GarbageReport = { removed: [], scanned: 0 };
  for (const leftover of await folder.leftovers()) await folder.remove(leftover);
  if (!(await images.ledger.hasFiles())) return report;
  await images.ledger.dropDeadUses();
  if ((await images.ledger.unusedFiles()).length === 0) return report;
  report.scanned = await recordUnrecordedPosts(images.ledger, (postPath) => {
    try {
      return readFileSync(join(postsRoot, ...postPath.split('/')), 'utf8');
    } catch {
      return undefined;
    }
  });
  report.removed = await images.forgetUnused();
  for (const file of report.removed) await folder.remove(file);
  return report;
}
