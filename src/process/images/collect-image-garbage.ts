import type { ImageLedger } from '../../store/index.ts';
import type { ImageFolder } from './image-folder.ts';

/** What a garbage collection of local images did. */
export interface GarbageReport {
  /** Image files deleted because no post uses them any more. */
  removed: string[];
  /** Posts read because their image uses were not recorded (adopted, imported, older posts). */
  scanned: number;
}

// Content-addressed names: a SHA-256 in hex and an extension. Looked for in the post's text
// as a whole, front matter included: matching a name anywhere only ever keeps a file.
const FILE_NAMES = /[0-9a-f]{64}\.(?:png|jpg|gif|webp|avif)/g;

/**
 * Deletes local images no post uses any more (after pruning, or when every post using one
 * was replaced), after the posts are committed. Posts whose uses are not recorded are read
 * first and their file names recorded, so a post adopted after the state was lost never loses
 * its images. Under the site lock (`run`) the file goes before its rows: a crash in between
 * leaves a row whose file is missing, which the next run downloads again. Where other
 * processes record uses meanwhile (workers on PostgreSQL), `takeUnused` forgets the unused
 * files' rows in one step that sees their latest uses, and only the files it took are deleted.
 */
export async function collectImageGarbage(
  records: ImageLedger,
  folder: ImageFolder,
  /** A post's text by its path in the state (undefined when it is gone). */
  readPost: (postPath: string) => string | undefined,
  takeUnused?: () => Promise<string[]>,
): Promise<GarbageReport> {
  const report: GarbageReport = { removed: [], scanned: 0 };
  for (const leftover of await folder.leftovers()) await folder.remove(leftover);
  if (!(await records.hasFiles())) return report;
  await records.dropDeadUses();
  if ((await records.unusedFiles()).length === 0) return report;
  for (const post of await records.unrecordedPosts()) {
    const text = readPost(post.postPath);
    report.scanned++;
    const names = text === undefined ? [] : [...new Set(text.match(FILE_NAMES) ?? [])];
    await records.recordUses({ id: post.feedId }, post.key, names);
  }
  if (takeUnused) {
    report.removed = await takeUnused();
    for (const file of report.removed) await folder.remove(file);
    return report;
  }
  const unused = await records.unusedFiles();
  for (const file of unused) await folder.remove(file);
  await records.forgetFiles(unused);
  report.removed = unused;
  return report;
}
