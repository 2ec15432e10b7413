import type { AsyncStore, MovedFeed, Store } from '../store/index.ts';

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
  store: Pick<Store, 'atomically' | 'feedUrls' | 'moveFeed'>,
  feeds: readonly ConfiguredFeed[],
): MovedFeed[] {
  // Every run but the one after an edit finds each url recorded: one scan, no transaction.
  const recorded = store.feedUrls();
  const named = namedFeeds(feeds).filter((feed) => !recorded.has(feed.url));
  if (named.length === 0) return [];
  const configured = new Set(feeds.map((feed) => feed.url));
  return store.atomically(() =>
    named.flatMap((feed) => {
      const moved = store.moveFeed(feed.name, feed.url, configured);
      return moved ? [moved] : [];
    }),
  );
}

/**
 * The same for workers on a PostgreSQL state, at start-up: only feeds whose url has no row are
 * looked at (one query for all), each move in its own transaction; workers starting together
 * may race for a row, and only one moves it.
 */
export async function moveEditedFeedsAsync(
  store: Pick<AsyncStore, 'feedStatuses' | 'moveFeed'>,
  feeds: readonly ConfiguredFeed[],
): Promise<MovedFeed[]> {
  const named = namedFeeds(feeds);
  if (named.length === 0) return [];
  const recorded = new Set((await store.feedStatuses()).map((status) => status.url));
  const configured = new Set(feeds.map((feed) => feed.url));
  const moves: MovedFeed[] = [];
  for (const feed of named) {
    if (recorded.has(feed.url)) continue;
    const moved = await store.moveFeed(feed.name, feed.url, configured);
    if (moved) moves.push(moved);
  }
  return moves;
}

/** An unnamed feed's identity is its url: editing the url makes it another feed. */
function namedFeeds(feeds: readonly ConfiguredFeed[]): (ConfiguredFeed & { name: string })[] {
  return feeds.filter(
    (feed): feed is ConfiguredFeed & { name: string } => feed.name !== undefined && feed.name !== feed.url,
  );
}

/** A moved feed as one line for people (no newline): the run's output, the worker's log. */
export function describeMovedFeed(moved: MovedFeed, dryRun: boolean): string {
  const posts = `${moved.posts} post${moved.posts === 1 ? '' : 's'}`;
  const verb = dryRun ? 'would be' : moved.posts === 1 ? 'is' : 'are';
  return `${moved.name}: url changed from ${moved.from} to ${moved.to}; its ${posts} ${verb} kept`;
}

/** The config name a feed row records: none for an unnamed feed (its url is its identity). */
export function configNameOf(subscription: { name: string; source: string }): string | null {
  return subscription.name === subscription.source ? null : subscription.name;
}
