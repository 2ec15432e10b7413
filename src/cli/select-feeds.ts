import { FeedmillError } from '../errors.ts';
import type { Subscription } from '../model.ts';

/**
 * The subscriptions named by `--feed` (a configured name, the URL as written, or a URL it
 * resolves to); all of them when none is given. An unknown name is a usage error.
 */
export function selectFeeds(
  subscriptions: readonly Subscription[],
  wanted: readonly string[],
): Subscription[] {
  if (wanted.length === 0) return [...subscriptions];
  const matches = (subscription: Subscription, name: string) =>
    subscription.name === name ||
    subscription.source === name ||
    subscription.locations.some(
      (location) => (location.kind === 'http' ? location.url : location.path) === name,
    );
  for (const name of wanted) {
    if (!subscriptions.some((subscription) => matches(subscription, name))) {
      const known = subscriptions.map((subscription) => subscription.name).join(', ');
      throw new FeedmillError(
        'USAGE',
        `--feed ${name} matches no feed in the config; use a feed's name or URL (known: ${known})`,
        { feed: name },
      );
    }
  }
  return subscriptions.filter((subscription) => wanted.some((name) => matches(subscription, name)));
}
