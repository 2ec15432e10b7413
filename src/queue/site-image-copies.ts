import { postTextReader } from '../pipeline/index.ts';
import { collectImageGarbage, type GarbageReport, type ImageFolder } from '../process/index.ts';
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
 * Deletes the site's copies no post uses any more, as `run` does on SQLite, while workers go
 * on rendering: the rows go first, in one statement that spares any file a worker has stored
 * or taken up lately (see forgetUnused), then the files it took.
 */
export function collectPostgresImages(
  images: PostgresImages,
  folder: ImageFolder,
  postsRoot: string,
): Promise<GarbageReport> {
  return collectImageGarbage(images.ledger, folder, postTextReader(postsRoot), () => images.forgetUnused());
}
