export { applyWrites, createPostWriter, type PostWriter } from './apply-writes.ts';
export { hashContent, type PlannedWrite, planWrites, type RenderedPost } from './plan-writes.ts';
export { type FeedReport, type RunReport, summarize } from './run-report.ts';
export { type RunDependencies, type RunOptions, runSync } from './run-sync.ts';
