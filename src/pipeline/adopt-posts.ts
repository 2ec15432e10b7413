import { type Dirent, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDate } from '../parse/index.ts';
import { IDENTITY_KEY, readPostIdentity, shortHash } from '../render/index.ts';
import type { AsyncStore, ItemRecord, Store, StoredItem } from '../store/index.ts';
import { TEMPORARY_SUFFIX } from './apply-writes.ts';
import { hashContent } from './plan-writes.ts';
import { readFrontMatter } from './read-front-matter.ts';

/** What adopting the posts of a site into an empty state database found. */
export interface AdoptionReport {
  /** Posts recorded as items (their feed's rows, or kept apart when the feed is no longer configured). */
  adopted: number;
  /** Of those, posts of feeds no longer in the config. */
  orphaned: number;
  /** Files carrying an identity already adopted from another file: left alone, unrecorded. */
  duplicates: number;
  /** Temporary files of an interrupted write, deleted. */
  temporaryFilesRemoved: number;
}

/** An item known to an earlier state database, to keep its real key and first-seen date. */
export type PreviousItems = ReadonlyMap<string, { key: string; firstSeen: string }>;

/** How posts are adopted: the configured sources and the site's timezone (to read dates). */
export interface AdoptionOptions {
  /** Every configured feed `url`, so an identity's feed hash finds its feed row. */
  sources: readonly string[];
  /** The Hexo site's `timezone`: dates without an offset are read in it. */
  timezone?: string | undefined;
  /** Items of a readable earlier database by `<feed url>\n<item hash>`. */
  previous?: PreviousItems;
  /** Delete temporary files of interrupted writes met on the way (not in dry runs). */
  removeTemporaryFiles?: boolean;
}

const PROVISIONAL = 'feedmill-adopted:';
const BATCH = 500;

/**
 * The key an adopted post is recorded under until its item is seen again: the identity holds
 * only a hash of the item key (see post-identity.ts), and the first run that lists the item
 * renames the row (`claimAdoptedPosts`).
 */
export function provisionalKey(itemHash: string): string {
  return `${PROVISIONAL}${itemHash}`;
}

/** The feed row under which posts of a feed no longer configured are kept (never fetched). */
export function orphanFeedUrl(feedHash: string): string {
  return `${PROVISIONAL}${feedHash}`;
}

/**
 * Records every post under `postsRoot` that carries a feedmill identity as an item of its feed,
 * with the hash of its text (so an unchanged item is not rewritten), its path, and its front
 * matter date as first seen and published. Folders are walked one at a time and one file is
 * read at a time. Files without an identity are left to the planner (`createPostAdopter`).
 */
export function adoptPosts(store: Store, postsRoot: string, options: AdoptionOptions): AdoptionReport {
  const report: AdoptionReport = { adopted: 0, orphaned: 0, duplicates: 0, temporaryFilesRemoved: 0 };
  const batches = new Map<number, { orphan: boolean; records: ItemRecord[] }>();
  const flush = (feedId: number) => {
    const batch = batches.get(feedId);
    if (!batch || batch.records.length === 0) return;
    const inserted = store.insertItems(feedId, batch.records).length;
    report.adopted += inserted;
    if (batch.orphan) report.orphaned += inserted;
    report.duplicates += batch.records.length - inserted;
    batch.records = [];
  };
  const feedIds = new Map<string, number>();
  // One transaction: a run killed midway leaves a database that still records nothing, so the
  // next run adopts again rather than trusting half an adoption.
  store.atomically(() => {
    report.temporaryFilesRemoved = walkOwnPosts(postsRoot, options, ({ feedUrl, orphan, record }) => {
      let feedId = feedIds.get(feedUrl);
      if (feedId === undefined) {
        feedId = store.feed(feedUrl).id;
        feedIds.set(feedUrl, feedId);
        batches.set(feedId, { orphan, records: [] });
      }
      const batch = batches.get(feedId)!;
      batch.records.push(record);
      if (batch.records.length >= BATCH) flush(feedId);
    });
    for (const feedId of batches.keys()) flush(feedId);
  });
  return report;
}

/**
 * adoptPosts for an AsyncStore (the PostgreSQL writer's, after its database was lost): the walk
 * first, then every record in one transaction, so that a writer killed midway leaves nothing
 * adopted and the next one adopts again.
 */
export async function adoptPostsAsync(
  store: AsyncStore,
  postsRoot: string,
  options: AdoptionOptions,
): Promise<AdoptionReport> {
  const groups = new Map<string, { orphan: boolean; records: ItemRecord[] }>();
  const temporaryFilesRemoved = walkOwnPosts(postsRoot, options, ({ feedUrl, orphan, record }) => {
    let group = groups.get(feedUrl);
    if (group === undefined) {
      group = { orphan, records: [] };
      groups.set(feedUrl, group);
    }
    group.records.push(record);
  });
  const report: AdoptionReport = { adopted: 0, orphaned: 0, duplicates: 0, temporaryFilesRemoved };
  if (groups.size === 0) return report;
  const entries = [...groups];
  const counts = await store.adoptItems(entries.map(([feedUrl, { records }]) => ({ feedUrl, records })));
  entries.forEach(([, { orphan, records }], index) => {
    const inserted = counts[index] ?? 0;
    report.adopted += inserted;
    if (orphan) report.orphaned += inserted;
    report.duplicates += records.length - inserted;
  });
  return report;
}

/** One post on disk to adopt: the feed row it goes to (an orphan's when not configured) and its record. */
export interface AdoptablePost {
  feedUrl: string;
  /** Its feed is not in the config: kept under orphanFeedUrl until it is. */
  orphan: boolean;
  record: ItemRecord;
}

/**
 * Walks the posts under `postsRoot` in a fixed order, handing each that carries a feedmill
 * identity to `take` (see adoptPosts for what its record holds); deletes temporary files of
 * interrupted writes met on the way when asked, and returns how many.
 */
export function walkOwnPosts(
  postsRoot: string,
  options: AdoptionOptions,
  take: (post: AdoptablePost) => void,
): number {
  const feeds = new Map(options.sources.map((source) => [shortHash(source), source]));
  let temporaryFilesRemoved = 0;
  const visit = (folder: string, relative: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    // Sorted, so that of two files carrying one identity the same one is adopted on every machine.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relativePath = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        visit(path, relativePath);
        continue;
      }
      if (!entry.isFile()) continue;
      if (entry.name.endsWith(TEMPORARY_SUFFIX)) {
        if (options.removeTemporaryFiles) {
          rmSync(path, { force: true });
          temporaryFilesRemoved++;
        }
        continue;
      }
      if (!/\.(md|markdown|html?)$/i.test(entry.name)) continue;
      const found = readOwnPost(path, options.timezone);
      if (!found) continue;
      const source = feeds.get(found.identity.feed);
      const feedUrl = source ?? orphanFeedUrl(found.identity.feed);
      const previous = options.previous?.get(`${feedUrl}\n${found.identity.item}`);
      take({
        feedUrl,
        orphan: source === undefined,
        record: {
          key: previous?.key ?? provisionalKey(found.identity.item),
          contentHash: found.contentHash,
          postPath: relativePath,
          firstSeen: previous?.firstSeen ?? found.date,
          published: found.date,
        },
      });
    }
  };
  visit(postsRoot, '');
  return temporaryFilesRemoved;
}

/** A post file's identity, hash and date, when it carries a feedmill identity. */
function readOwnPost(
  path: string,
  timezone: string | undefined,
): { identity: { feed: string; item: string }; contentHash: string; date: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const data = readFrontMatter(text);
  const identity = readPostIdentity(data?.[IDENTITY_KEY]);
  if (!data || !identity) return undefined;
  // A date feedmill cannot read (edited by hand) falls back to the file's mtime, never to an
  // epoch that retention would delete at once.
  const date = readPostDate(data.date, timezone) ?? fileTime(path);
  return { identity, contentHash: hashContent(text), date: date.toISOString() };
}

function fileTime(path: string): Date {
  try {
    return statSync(path).mtime;
  } catch {
    return new Date();
  }
}

/** A front matter date as an instant: js-yaml gives a Date for unquoted timestamps, else text. */
export function readPostDate(value: unknown, timezone: string | undefined): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  return parseDate(value, timezone ?? 'UTC');
}

/**
 * Before a feed's items are planned: rows adopted for this feed under provisional keys take
 * their items' real keys, and posts kept apart for a feed that was not configured at adoption
 * join it. Returns the feed's stored items, keyed as the planner expects.
 */
export function claimAdoptedPosts(
  store: Store,
  feedId: number,
  source: string,
  itemKeys: readonly string[],
): Map<string, StoredItem> {
  const orphan = store.findFeed(orphanFeedUrl(shortHash(source)));
  if (orphan) store.mergeFeed(orphan.id, feedId);
  const known = store.items(feedId);
  const renames = takeProvisionalKeys(known, itemKeys);
  if (renames.length > 0) store.renameItems(feedId, renames);
  return known;
}

/** claimAdoptedPosts on an AsyncStore (the PostgreSQL writer's). */
export async function claimAdoptedPostsAsync(
  store: AsyncStore,
  feedId: number,
  source: string,
  itemKeys: readonly string[],
): Promise<Map<string, StoredItem>> {
  const orphan = await store.findFeed(orphanFeedUrl(shortHash(source)));
  if (orphan) await store.mergeFeed(orphan.id, feedId);
  const known = await store.items(feedId);
  const renames = takeProvisionalKeys(known, itemKeys);
  if (renames.length > 0) await store.renameItems(feedId, renames);
  return known;
}

/**
 * The renames that give rows adopted under a provisional key their items' real keys, applied
 * to `known` as well. Most feeds hold no adopted row: then no item key needs hashing (a hash
 * per item of a first run).
 */
function takeProvisionalKeys(
  known: Map<string, StoredItem>,
  itemKeys: readonly string[],
): { from: string; to: string }[] {
  if (!hasProvisionalKey(known)) return [];
  const renames: { from: string; to: string }[] = [];
  for (const key of itemKeys) {
    if (known.has(key)) continue;
    const from = provisionalKey(shortHash(key));
    const row = known.get(from);
    if (!row) continue;
    renames.push({ from, to: key });
    known.delete(from);
    known.set(key, { ...row, key });
  }
  return renames;
}

function hasProvisionalKey(known: ReadonlyMap<string, StoredItem>): boolean {
  for (const key of known.keys()) if (key.startsWith(PROVISIONAL)) return true;
  return false;
}

/** What an adoption's warning adds to its count: posts of feeds gone from the config, duplicates. */
export function adoptionDetails(report: AdoptionReport): string[] {
  return [
    report.orphaned > 0
      ? `${report.orphaned} of them of feeds no longer in the config, kept as they are`
      : '',
    report.duplicates > 0
      ? `${report.duplicates} file(s) repeating the identity of an adopted post left alone`
      : '',
  ].filter(Boolean);
}

/** The run's warning after adopting posts into a state database that was missing (or, dry, would be). */
export function adoptionWarnings(
  report: AdoptionReport,
  statePath: string,
  postsRoot: string,
  dryRun = false,
): string[] {
  if (report.adopted + report.duplicates === 0) return [];
  const details = adoptionDetails(report);
  return [
    (dryRun
      ? `the state database ${statePath} is missing: the run will adopt ${report.adopted} post(s) from ${postsRoot}`
      : `the state database ${statePath} was missing: adopted ${report.adopted} post(s) from ${postsRoot}`) +
      (details.length > 0 ? ` (${details.join('; ')})` : ''),
  ];
}
