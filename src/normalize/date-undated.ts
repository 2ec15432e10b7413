import type { Item } from '../model.ts';

/**
 * Gives each item the feed left undated the time it was first seen (its post's, else `now`), so
 * that re-runs render it identically instead of dating it anew each time.
 */
export function dateUndated<T extends Item>(
  items: readonly T[],
  firstSeen: (key: string) => string | undefined,
  now: Date,
): T[] {
  return items.map((item) =>
    item.publishedKnown ? item : { ...item, published: new Date(firstSeen(item.key) ?? now.toISOString()) },
  );
}
