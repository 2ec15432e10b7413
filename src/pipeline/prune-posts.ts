import type { AsyncStore, SiteItem, StoredItem } from '../store/index.ts';
import type { PostWriter } from './apply-writes.ts';

/** `keep:` in feedmill.yml: how much history a feed keeps. Absent fields keep everything. */
export interface RetentionPolicy {
  maxItemsPerFeed?: number;
  maxAgeDays?: number;
}

/** A post retention would delete, and why. */
export interface PruneCandidate extends SiteItem {
  feed: string;
  reason: 'count' | 'age';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** What planning needs of the state: feed rows by url and their item rows (SQLite's Store is one). */
export interface RetentionRows {
  findFeed(url: string): { id: number } | undefined;
  items(feedId: number): ReadonlyMap<string, StoredItem>;
}

/** The journal side of a prune, synchronous (SQLite's Store) or not (any AsyncStore). */
export interface PruneJournal {
  beginPrune(items: readonly SiteItem[], now: Date): void | Promise<void>;
  clearPending(changes: readonly { feedId: number; key: string }[]): void | Promise<void>;
}

/**
 * Lists the posts each feed's policy lets go (pure over the store's rows): beyond the newest
 * `maxItemsPerFeed` by published date, or published more than `maxAgeDays` ago.
 */
export function planPrune(
  store: RetentionRows,
  policies: readonly { source: string; keep: RetentionPolicy }[],
  now: Date,
): PruneCandidate[] {
  const candidates: PruneCandidate[] = [];
  for (const { source, keep } of policies) {
    if (keep.maxItemsPerFeed === undefined && keep.maxAgeDays === undefined) continue;
    const feed = store.findFeed(source);
    if (!feed) continue;
    const items = [...store.items(feed.id).values()].sort(
      (a, b) =>
        b.published.localeCompare(a.published) ||
        b.firstSeen.localeCompare(a.firstSeen) ||
        a.key.localeCompare(b.key),
    );
    const cutoff =
      keep.maxAgeDays === undefined ? undefined : new Date(now.getTime() - keep.maxAgeDays * DAY_MS);
    items.forEach((item, index) => {
      const reason =
        keep.maxItemsPerFeed !== undefined && index >= keep.maxItemsPerFeed
          ? 'count'
          : cutoff !== undefined && new Date(item.published) < cutoff
            ? 'age'
            : undefined;
      if (reason) candidates.push({ ...item, feedId: feed.id, feed: source, reason });
    });
  }
  return candidates;
}

/**
 * planPrune over an asynchronous store (PostgreSQL): every item row in one read, a feed row
 * for each source whose policy limits anything, then the same plan.
 */
export async function planStorePrune(
  store: AsyncStore,
  policies: readonly { source: string; keep: RetentionPolicy }[],
  now: Date,
): Promise<PruneCandidate[]> {
  const limited = policies.filter(
    ({ keep }) => keep.maxItemsPerFeed !== undefined || keep.maxAgeDays !== undefined,
  );
  if (limited.length === 0) return [];
  const feeds = new Map<string, { id: number }>();
  for (const { source } of limited) {
    const feed = await store.findFeed(source);
    if (feed) feeds.set(source, feed);
  }
  const items = new Map<number, Map<string, StoredItem>>();
  for (const { feedId, ...item } of await store.allItems()) {
    const rows = items.get(feedId) ?? new Map<string, StoredItem>();
    items.set(feedId, rows);
    rows.set(item.key, item);
  }
  return planPrune(
    { findFeed: (url) => feeds.get(url), items: (feedId) => items.get(feedId) ?? new Map() },
    limited,
    now,
  );
}

/**
 * Deletes the candidates: rows, tombstones and a journal of deletions commit first (durably),
 * then the files go, then the journal is cleared; an interrupted prune finishes at the next repair.
 */
export async function applyPrune(
  effects: { store: PruneJournal; writer: PostWriter },
  candidates: readonly PruneCandidate[],
  now: Date,
): Promise<void> {
  if (candidates.length === 0) return;
  await effects.store.beginPrune(candidates, now);
  for (const candidate of candidates) await effects.writer.remove(candidate.postPath);
  await effects.writer.flush();
  await effects.store.clearPending(candidates);
}

/** Whether an item too old for its feed's policy should not be written at all. */
export function isBeyondAge(published: Date, keep: RetentionPolicy | undefined, now: Date): boolean {
  return keep?.maxAgeDays !== undefined && published.getTime() < now.getTime() - keep.maxAgeDays * DAY_MS;
}
