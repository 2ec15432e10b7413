export { type FeedHints, readFeedHints } from './read-feed-hints.ts';
export { type ScheduleInput, scheduleNextCheck } from './schedule-next-check.ts';
export {
  CYCLE_RETRY_MS,
  LOCK_RETRY_MS,
  MAX_SLEEP_MS,
  type WatchDependencies,
  type WatchedFeed,
  type WatchHints,
  watchFeeds,
} from './watch-feeds.ts';
