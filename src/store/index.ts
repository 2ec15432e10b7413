export { type FeedStatus, readFeedStatus, recordNextChecks } from './feed-status.ts';
export { type ItemRecord, openStore, type Store, type StoredFeed, type StoredItem } from './open-store.ts';
