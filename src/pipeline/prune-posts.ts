import type { SiteItem, Store } from '../store/index.ts';
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

/**
 * Lists the posts each feed's policy lets go (pure over the store's rows): beyond the newest
 * `maxItemsPerFeed` by published date, or published more than `maxAgeDays` ago.
 */
export function planPrune(
  store: Store,
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
 * Deletes the candidates: rows, tombstones and a journal of deletions commit first (durably),
 * then the files go, then the journal is cleared; an interrupted prune finishes at the next repair.
 */
export async function applyPrune(
  effects: { store: Store; writer: PostWriter },
  candidates: readonly PruneCandidate[],
  now: Date,
): Promise<void> {
  if (candidates.length === 0) return;
  effects.store.beginPrune(candidates, now);
  for (const candidate of candidates) await effects.writer.remove(candidate.postPath);
  await effects.writer.flush();
  effects.store.clearPending(candidates);
}

/** Whether an item too old for its feed's policy should not be written at all. */
export function isBeyondAge(published: Date, keep: RetentionPolicy | undefined, now: Date): boolean {
  return keep?.maxAgeDays !== undefined && published.getTime() < now.getTime() - keep.maxAgeDays * DAY_MS;
}
