import type { Subscription } from '../model.ts';
import type { StoredFeed } from '../store/index.ts';

/** After a permanent redirect the stored URL replaces a single configured URL. */
export function feedLocations(subscription: Subscription, stored: StoredFeed): Subscription['locations'] {
  const [only] = subscription.locations;
  if (stored.redirectedUrl && subscription.locations.length === 1 && only?.kind === 'http') {
    return [{ kind: 'http', url: stored.redirectedUrl }];
  }
  return subscription.locations;
}
