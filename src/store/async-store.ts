import type { FeedStatus } from './feed-status.ts';
import type { InstanceHealthChange } from './instance-health-change.ts';
import type {
  ItemRecord,
  MovedFeed,
  NotModifiedUpdate,
  PendingChange,
  SiteItem,
  StoredFeed,
  StoredItem,
  SuccessUpdate,
} from './store-records.ts';

/** The documents the state caches: the RSSHub route catalogue and Radar rules (one each). */
export type CacheName = 'rsshub-catalogue' | 'rsshub-radar-rules';

/** What is remembered of one RSSHub instance across runs and workers (its key never included). */
export interface StoredInstanceHealth {
  /** The base URL as shown in reports (any key masked). */
  instance: string;
  consecutiveFailures: number;
  /** ISO times, kept exactly as given. */
  coolingUntil?: string;
  lastError?: string;
  lastFailure?: string;
  lastSuccess?: string;
}

/** A cached document of the state: where it came from, when, and its JSON. */
export interface CachedDocument {
  source: string;
  /** ISO time it was loaded, kept exactly as given. */
  loadedAt: string;
  /** The document as JSON text; parsing (and treating a bad one as a miss) is the reader's job. */
  body: string;
}

/**
 * The state a run needs, asynchronous so that a server database (PostgreSQL) can implement it
 * as well as the embedded SQLite one; both pass the same contract suite (store-contract.ts).
 * Uniqueness of post paths is the store's guarantee, not the caller's: `beginWrites` refuses a
 * path another item or journalled write holds, even when two processes race for it.
 */
export interface AsyncStore {
  /** Which backend this is, for messages and status. */
  readonly backend: 'sqlite' | 'postgres';
  /** True when the state recorded no feed when it was opened (first run, or the state was lost). */
  isFresh(): Promise<boolean>;
  /**
   * The feed row for a configured source, created on first use; `name` is its config name
   * (null: unnamed), recorded for moveFeed; undefined leaves the recorded one.
   */
  feed(url: string, name?: string | null): Promise<StoredFeed>;
  /**
   * A named feed whose url was edited in the config takes over the row recorded under `name`
   * whose url is not in `configured`, in one transaction (see Store.moveFeed); undefined when
   * `url` has a row already or no row qualifies (another process may have moved it first).
   */
  moveFeed(name: string, url: string, configured: ReadonlySet<string>): Promise<MovedFeed | undefined>;
  /** The feed row for a configured source, if it was ever run. */
  findFeed(url: string): Promise<StoredFeed | undefined>;
  items(feedId: number): Promise<Map<string, StoredItem>>;
  /** Keys deleted by retention: never written again. */
  prunedKeys(feedId: number): Promise<Set<string>>;
  /** Whether a post path is held by an item or a journalled change, compared by `foldPath`. */
  isPathTaken(relativePath: string): Promise<boolean>;
  countItems(): Promise<number>;
  allItems(): Promise<SiteItem[]>;
  /**
   * Journals posts about to be written, durably, in one transaction. Rejects with PATH_TAKEN
   * (nothing journalled) when a path is held by another item or journalled change.
   */
  beginWrites(feedId: number, changes: readonly ItemRecord[]): Promise<void>;
  /** One transaction: the feed's item rows, its validators and success; clears its journal. */
  recordSuccess(feedId: number, records: readonly ItemRecord[], update: SuccessUpdate): Promise<void>;
  /** A 304: the feed's success, and what the answer changes (see NotModifiedUpdate). */
  recordNotModified(feedId: number, update?: NotModifiedUpdate): Promise<void>;
  recordFailure(feedId: number, code: string, message: string, nextCheck?: Date): Promise<void>;
  /** 410: stop polling the feed. */
  markGone(feedId: number, message: string): Promise<void>;
  pendingChanges(): Promise<PendingChange[]>;
  /** Repair: journalled writes whose file is on disk become item rows; the rest are dropped. */
  settlePending(adopt: readonly PendingChange[], drop: readonly PendingChange[]): Promise<void>;
  /** Repair: a row whose file vanished is rewritten on the next full fetch of its feed. */
  markMissing(items: readonly SiteItem[]): Promise<void>;
  /** Retention: deletes the rows, leaves tombstones and journals the deletions, in one transaction. */
  beginPrune(items: readonly SiteItem[], now: Date): Promise<void>;
  /** Clears journal entries once their files are written or deleted. */
  clearPending(changes: readonly { feedId: number; key: string }[]): Promise<void>;
  /** Adoption: records posts found on disk; rows whose key or path is recorded are skipped. */
  insertItems(feedId: number, records: readonly ItemRecord[]): Promise<ItemRecord[]>;
  /**
   * Adoption of a whole site into a state that lost it, in one transaction (a writer killed
   * midway leaves nothing adopted, so the next one adopts again): each group's feed row, made
   * when missing, gets the records whose key and path are free. Gives how many of each group's
   * records were recorded.
   */
  adoptItems(groups: readonly { feedUrl: string; records: readonly ItemRecord[] }[]): Promise<number[]>;
  /** Adoption: gives rows recorded under a provisional key their item's real key. */
  renameItems(feedId: number, renames: readonly { from: string; to: string }[]): Promise<void>;
  /** Adoption: moves the rows and tombstones of one feed row into another and drops the first. */
  mergeFeed(fromFeedId: number, intoFeedId: number): Promise<void>;
  processorValue(feedId: number, processor: string, itemKey: string): Promise<string | undefined>;
  setProcessorValue(feedId: number, processor: string, itemKey: string, value: string): Promise<void>;
  /** Forgets processor values of items neither in `current` nor with a post. */
  forgetProcessorValues(feedId: number, current: readonly string[]): Promise<void>;
  /** A cached document (the RSSHub catalogue, Radar rules), if any. */
  readCache(name: CacheName): Promise<CachedDocument | undefined>;
  writeCache(name: CacheName, document: CachedDocument): Promise<void>;
  /** Every RSSHub instance's health, ordered by instance. */
  instanceHealth(): Promise<StoredInstanceHealth[]>;
  /**
   * Applies one outcome to the instance's stored row (a new row when there is none) in one
   * atomic step, so that concurrent workers' failures add up; gives the row after it.
   */
  changeInstanceHealth(instance: string, change: InstanceHealthChange): Promise<StoredInstanceHealth>;
  /** Every feed's status for `feedmill status`, ordered by url. */
  feedStatuses(): Promise<FeedStatus[]>;
  /** Records when feeds (by url) are next checked; feeds without a row are skipped. */
  recordNextChecks(nextChecks: ReadonlyMap<string, Date>): Promise<void>;
  close(): Promise<void>;
}
