export { type AddFeedResult, addFeedEntry, type FeedEntry } from './add-feed-entry.ts';
export {
  loadRunCatalogue,
  type PreparedSubscriptions,
  prepareSubscriptions,
} from './prepare-subscriptions.ts';
export {
  needsCatalogue,
  type ResolveOptions,
  resolveLocations,
  resolveSubscriptions,
} from './resolve-subscriptions.ts';
