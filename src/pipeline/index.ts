export {
  type AdoptionReport,
  adoptionDetails,
  adoptionWarnings,
  adoptPosts,
  adoptPostsAsync,
  claimAdoptedPostsAsync,
} from './adopt-posts.ts';
export { commitFeed, createPostWriter, type PostWriter, TEMPORARY_SUFFIX } from './apply-writes.ts';
export { createPostAdopter, type PostAdopter } from './create-post-adopter.ts';
export { handOverBody } from './feed-body.ts';
export { feedLocations } from './feed-locations.ts';
export { type ImportReport, importState } from './import-state.ts';
export {
  configNameOf,
  describeMovedFeed,
  moveEditedFeeds,
  moveEditedFeedsAsync,
} from './move-edited-feeds.ts';
export { notModifiedUpdate } from './not-modified-update.ts';
export {
  hashContent,
  type PlannedWrite,
  planWrites,
  type RenderedPost,
  recordsToWrite,
} from './plan-writes.ts';
export {
  applyPrune,
  type PruneCandidate,
  type PruneJournal,
  planPrune,
  planStorePrune,
  type RetentionPolicy,
} from './prune-posts.ts';
export { readItems, readingFacts } from './read-items.ts';
export { type RebuildReport, rebuildState } from './rebuild-state.ts';
export { type RepairReport, removeTemporaryFiles, repairSite } from './repair-site.ts';
export { isRetained, type RetentionState, retainItems } from './retain-items.ts';
export {
  type FeedReport,
  type PlannedChange,
  type RunReport,
  type RunTotals,
  summarize,
} from './run-report.ts';
export { fetchOptionsOf, pruneSite, retentionOf, runSite, type SiteRunOptions } from './run-site.ts';
export { type RunDependencies, type RunOptions, runSync } from './run-sync.ts';
export { imageUrlPath, postTextReader, siteImageFolder } from './site-images.ts';
export {
  acquireSiteLock,
  describeHolder,
  inspectSiteLock,
  type LockInspection,
  type LockOwner,
  lockPath,
  removeStaleLock,
  type SiteLock,
  type SiteLockOptions,
} from './site-lock.ts';
export {
  type BuildCost,
  buildCurveFor,
  describeHexoBuild,
  estimateHexoBuild,
  RUNNER_MEMORY_MIB,
  siteBuildCurve,
  siteSizeWarning,
} from './site-size-estimate.ts';
