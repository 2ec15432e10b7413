export { prunePostgresSite } from './prune-postgres-site.ts';
export { type PublishReport, publishSite } from './publish-site.ts';
export { type QueueStatus, readQueueStatus } from './queue-status.ts';
export { type RenderFeedInput, type RenderFeedOutcome, renderFeed } from './render-feed.ts';
export {
  openRenderedStore,
  type RenderedFeed,
  type RenderedStore,
  type WorkerHeartbeat,
} from './rendered-store.ts';
export { type RunningWorker, startWorker, type WorkerOptions } from './run-worker.ts';
export {
  FEED_QUEUE,
  type FeedJob,
  type FeedJobState,
  type FeedQueue,
  type FeedQueueOptions,
  startFeedQueue,
} from './start-feed-queue.ts';
export { takeWriterLock, type WriterLock } from './take-writer-lock.ts';
