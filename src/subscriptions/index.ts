export { type AddFeedResult, addFeedEntry, type FeedEntry } from './add-feed-entry.ts';
export { appendFeedItems, type FeedItem } from './append-feed-items.ts';
export {
  type DiscoverOptions,
  type Discovery,
  discoverFeeds,
  type FeedCandidate,
  GUESSED_FEED_PATHS,
} from './discover-feeds.ts';
export { findPageFeeds, MAX_PAGE_FEEDS, type PageFeed, type PageFeeds } from './find-page-feeds.ts';
export {
  loadRunCatalogue,
  type PreparedSubscriptions,
  prepareSubscriptions,
} from './prepare-subscriptions.ts';
export { DEFAULT_IMAGE_LIMITS, imageDownloadsPerRun } from './resolve-image-policy.ts';
export {
  needsCatalogue,
  type ResolveOptions,
  resolveLocations,
  resolveSubscriptions,
} from './resolve-subscriptions.ts';
export { webFeedAddress } from './web-feed-address.ts';
