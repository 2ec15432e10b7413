import type { Item } from '../model.ts';
import { isBeyondAge, type RetentionPolicy } from './prune-posts.ts';

/** What retention knows of a feed: items it pruned, and items that have a post. */
export interface RetentionState {
  pruned: ReadonlySet<string>;
  known: { has(key: string): boolean };
}

/**
 * The items retention (`keep:`) lets a run write: a pruned item is never written again, and an
 * item without a post that is already beyond `max_age_days` is not written at all.
 */
export function retainItems<T extends Item>(
  items: readonly T[],
  state: RetentionState,
  keep: RetentionPolicy | undefined,
  now: Date,
): T[] {
  return items.filter((item) => isRetained(item.key, item.published, state, keep, now));
}

/** retainItems' rule for one item, by key and published date (a rendered post has no Item). */
export function isRetained(
  key: string,
  published: Date,
  state: RetentionState,
  keep: RetentionPolicy | undefined,
  now: Date,
): boolean {
  return !state.pruned.has(key) && (state.known.has(key) || !isBeyondAge(published, keep, now));
}
