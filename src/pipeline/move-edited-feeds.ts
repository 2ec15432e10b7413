import type { MovedFeed, Store } from '../store/index.ts';

/** A configured feed as the config writes it: its identity is its name, else its url. */
export interface ConfiguredFeed {
  name?: string | undefined;
  url: string;
}

/**
 * Named feeds whose url was edited in the config take over their old rows (Store.moveFeed),
 * all in one transaction, before any feed is fetched: their posts are then known items of the
 * new url, never written again. `feeds` is the whole config, not only the feeds of this run,
 * so an old url still configured under another name stays that feed's row.
 */
export function moveEditedFeeds(
  store: Pick<Store, 'atomically' | 'moveFeed'>,
  feeds: readonly ConfiguredFeed[],
): MovedFeed[] {
  // An unnamed feed's identity is its url: editing the url makes it another feed.
  const named = feeds.filter(
    (feed): feed is ConfiguredFeed & { name: string } => feed.name !== undefined && feed.name !== feed.url,
  );
  if (named.length === 0) return [];
  const configured = new Set(feeds.map((feed) => feed.url));
  return store.atomically(() =>
    named.flatMap((feed) => {
      const moved = store.moveFeed(feed.name, feed.url, configured);
      return moved ? [moved] : [];
    }),
  );
}

/** The config name a feed row records: none for an unnamed feed (its url is its identity). */
export function configNameOf(subscription: { name: string; source: string }): string | null {
  return subscription.name === subscription.source ? null : subscription.name;
}
