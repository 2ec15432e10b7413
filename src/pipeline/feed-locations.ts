import { expandUrlEnv } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import type { StoredFeed } from '../store/index.ts';

/**
 * After a permanent redirect the stored URL replaces a single configured URL. A stored target
 * holds the feed's secrets as their `${NAME}` (see redactingFetcher) and gets their values back
 * here; one naming a variable the feed's URL no longer names is not followed.
 */
export function feedLocations(subscription: Subscription, stored: StoredFeed): Subscription['locations'] {
  const [only] = subscription.locations;
  if (stored.redirectedUrl && subscription.locations.length === 1 && only?.kind === 'http') {
    const target = expandUrlEnv(stored.redirectedUrl, subscription.urlEnv ?? new Map());
    if (target.kind === 'expanded') return [{ kind: 'http', url: target.text }];
  }
  return subscription.locations;
}
