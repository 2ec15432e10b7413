export { asyncFromSqlite, pathTaken } from './async-from-sqlite.ts';
export type { AsyncStore, CachedDocument, CacheName, StoredInstanceHealth } from './async-store.ts';
export { type CarryOver, carryOverState } from './carry-over-state.ts';
export { type FeedStatus, readFeedStatus, recordNextChecks } from './feed-status.ts';
export { foldPath } from './fold-path.ts';
export type { ImageLedger, ImageRecords, StoredImage, UnrecordedPost } from './image-records.ts';
export { IMAGE_FILE_NAME } from './image-records.ts';
export { applyInstanceHealthChange, type InstanceHealthChange } from './instance-health-change.ts';
export { openSnapshotStore } from './open-snapshot-store.ts';
export { openStateDatabase, openStore, type Store, type StoreOptions } from './open-store.ts';
export {
  IMAGE_GRACE_HOURS,
  isConnectionLost,
  maskConnectionString,
  openPostgresImages,
  openPostgresStore,
  type PostgresImages,
  type PostgresStoreOptions,
  retryWhenLost,
} from './postgres/index.ts';
export { removeDatabase, replaceStateDatabase } from './replace-state-database.ts';
export { SqliteDatabase } from './sqlite-driver.ts';
export { isDamage, stateError } from './state-error.ts';
export { exportStateLines, importStateLines } from './state-lines.ts';
export type {
  ItemRecord,
  MovedFeed,
  NotModifiedUpdate,
  PendingChange,
  SiteItem,
  StoredFeed,
  StoredItem,
  SuccessUpdate,
} from './store-records.ts';
