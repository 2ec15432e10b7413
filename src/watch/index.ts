export { type FeedHints, readFeedHints } from './read-feed-hints.ts';
export { type ScheduleInput, scheduleNextCheck } from './schedule-next-check.ts';
export {
  LOCK_RETRY_MS,
  type WatchDependencies,
  type WatchedFeed,
  type WatchHints,
  watchFeeds,
} from './watch-feeds.ts';
