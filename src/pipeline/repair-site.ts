import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PendingChange, SiteItem, Store } from '../store/index.ts';
import { type AdoptionOptions, type AdoptionReport, adoptPosts } from './adopt-posts.ts';
import { type PostWriter, TEMPORARY_SUFFIX } from './apply-writes.ts';
import { hashContent } from './plan-writes.ts';

/** What the start-of-run repair found and fixed. */
export interface RepairReport {
  /** Temporary files of an interrupted write, deleted. */
  temporaryFilesRemoved: number;
  /** Journalled writes whose file was complete on disk: recorded as posts. */
  adopted: number;
  /** Journalled writes whose file never landed: forgotten (the next fetch writes them). */
  dropped: number;
  /** Journalled deletions (retention) finished. */
  deletionsFinished: number;
  /** Rows whose post file is missing: rewritten on the feed's next full fetch. */
  missing: number;
  /** The state database was missing (or recorded nothing): what adopting the posts found. */
  rebuilt?: AdoptionReport;
}

/**
 * Repairs what an interrupted run left (see commitFeed for the protocol). Runs under the site
 * lock, before any feed is fetched. When the store records nothing yet (state.db missing) and
 * `adoption` is given, the posts on disk are adopted first, so that no item gets a second post.
 */
export async function repairSite(
  store: Store,
  postsRoot: string,
  writer: PostWriter,
  adoption?: AdoptionOptions,
): Promise<RepairReport> {
  const report: RepairReport = {
    temporaryFilesRemoved: 0,
    adopted: 0,
    dropped: 0,
    deletionsFinished: 0,
    missing: 0,
  };
  if (store.fresh && adoption && existsSync(postsRoot)) {
    report.rebuilt = adoptPosts(store, postsRoot, adoption);
    report.temporaryFilesRemoved += report.rebuilt.temporaryFilesRemoved;
  }
  const pending = store.pendingChanges();
  // A temporary file only exists while its feed's journal rows do (they are written first and
  // cleared last), so an empty journal spares walking every post folder.
  if (pending.length > 0) report.temporaryFilesRemoved = removeTemporaryFiles(postsRoot);

  const adopt: PendingChange[] = [];
  const drop: PendingChange[] = [];
  const deleted: PendingChange[] = [];
  for (const change of pending) {
    if (change.action === 'delete') {
      await writer.remove(change.postPath);
      deleted.push(change);
    } else if (readHash(join(postsRoot, ...change.postPath.split('/'))) === change.contentHash)
      adopt.push(change);
    else drop.push(change);
  }
  await writer.flush();
  store.settlePending(adopt, [...drop, ...deleted]);
  report.adopted = adopt.length;
  report.dropped = drop.length;
  report.deletionsFinished = deleted.length;

  const stamps = store.folderStamps();
  const presence = postPresence(postsRoot, stamps, Date.now());
  // Paths alone first: rows are read in full only when some post is missing.
  const gone = new Set(store.postPaths().filter((postPath) => !presence.present(postPath)));
  if (!sameStamps(stamps, presence.stamps)) store.saveFolderStamps(presence.stamps);
  const missing: SiteItem[] =
    gone.size === 0
      ? []
      : store.allItems().filter((item) => item.contentHash !== '' && gone.has(item.postPath));
  if (missing.length > 0) store.markMissing(missing);
  report.missing = missing.length;
  return report;
}

/**
 * Whether a post file exists, from one listing per folder rather than a stat per post (a
 * tenth of the CPU on a large site). A name the listing lacks is checked once more by path,
 * since a file system may list a name in another Unicode normalization than it was written in.
 *
 * A folder is listed only when its modification time differs from its stamp: adding, removing
 * or renaming an entry changes a folder's mtime (POSIX), so an unchanged folder still holds the
 * posts its last listing found (posts missing then were marked, and are not asked about again).
 * A folder whose mtime is within two seconds of `now` gets no stamp, since a change in the same
 * clock tick as the listing would leave its mtime as it was (git's "racy" case). Listing 1,000
 * folders took ~100 ms of an all-304 run; a stat each, ~8 ms.
 */
function postPresence(
  postsRoot: string,
  stamps: ReadonlyMap<string, number>,
  now: number,
): { present: (postPath: string) => boolean; stamps: Map<string, number> } {
  const listings = new Map<string, ReadonlySet<string> | 'unchanged'>();
  const fresh = new Map<string, number>();
  const list = (folder: string): ReadonlySet<string> | 'unchanged' => {
    const path = join(postsRoot, ...folder.split('/'));
    let mtime: number;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {
      return new Set();
    }
    if (stamps.get(folder) === mtime) {
      fresh.set(folder, mtime);
      return 'unchanged';
    }
    let names: ReadonlySet<string>;
    try {
      names = new Set(readdirSync(path));
    } catch {
      return new Set();
    }
    if (mtime < now - RACY_MS) fresh.set(folder, mtime);
    return names;
  };
  const present = (postPath: string) => {
    const slash = postPath.lastIndexOf('/');
    const folder = slash < 0 ? '' : postPath.slice(0, slash);
    let names = listings.get(folder);
    if (names === undefined) {
      names = list(folder);
      listings.set(folder, names);
    }
    return (
      names === 'unchanged' ||
      names.has(postPath.slice(slash + 1)) ||
      existsSync(join(postsRoot, ...postPath.split('/')))
    );
  };
  return { present, stamps: fresh };
}

/** How close to the listing a folder's mtime must not be for its stamp to be trusted. */
const RACY_MS = 2000;

function sameStamps(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [folder, mtime] of a) if (b.get(folder) !== mtime) return false;
  return true;
}

function readHash(path: string): string | undefined {
  try {
    return hashContent(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Deletes the temporary files an interrupted write left under `folder`; returns how many. */
export function removeTemporaryFiles(folder: string): number {
  let removed = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removed += removeTemporaryFiles(path);
    else if (entry.name.endsWith(TEMPORARY_SUFFIX)) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}
