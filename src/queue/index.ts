export {
  FEED_QUEUE,
  type FeedJob,
  type FeedJobState,
  type FeedQueue,
  type FeedQueueOptions,
  startFeedQueue,
} from './start-feed-queue.ts';
