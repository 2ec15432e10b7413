/** A stored item row. */
export interface StoredItem {
  key: string;
  contentHash: string;
  postPath: string;
  firstSeen: string;
  published: string;
}

/** A post written for an item, to record in the same transaction as its siblings. */
export interface ItemRecord extends StoredItem {}

/** An item row with its feed, for whole-site checks (repair, retention). */
export interface SiteItem extends StoredItem {
  feedId: number;
}

/** A journalled intent: a post about to be written or deleted (see pipeline/apply-writes.ts). */
export interface PendingChange extends SiteItem {
  action: 'write' | 'delete';
}

/** What the store keeps about a feed. */
export interface StoredFeed {
  id: number;
  url: string;
  etag?: string;
  lastModified?: string;
  /**
   * `gone` after a 410: not polled again until its URL changes in the config. `finished` when
   * its last answer said it will never be updated again (JSON Feed `expired`): checked only at
   * `nextCheck` (a day later), and `active` again once an answer no longer says so.
   */
  status: 'active' | 'finished' | 'gone';
  /** Where a permanent redirect chain led; polled instead of `url`. */
  redirectedUrl?: string;
  /** ISO time before which the feed is not polled (backoff, Retry-After, a finished feed's daily check). */
  nextCheck?: string;
  consecutiveFailures: number;
  lastErrorCode?: string;
  lastErrorMessage?: string;
}

/** What a successful fetch changes on the feed row besides its items. */
export interface SuccessUpdate {
  validators: { etag?: string; lastModified?: string };
  /** A permanent redirect's target, to poll from now on. */
  movedTo?: string;
  /** The RSSHub instance that answered (key masked); none for other feeds. */
  servedBy?: string;
  /**
   * The answer says the feed is finished (JSON Feed `expired: true`): the row's status becomes
   * `finished`. Absent or false: `active` again (a gone row stays gone).
   */
  finished?: boolean;
  /** Not polled before this (a finished feed's next check); absent: no wait. */
  nextCheck?: Date;
}

/**
 * What a 304 changes besides the feed's success: the validators it carries replace the stored
 * ones (RFC 9111 §4.3.4; one it leaves out stays), a permanent redirect, the RSSHub instance.
 */
export interface NotModifiedUpdate {
  validators?: { etag?: string; lastModified?: string };
  movedTo?: string;
  servedBy?: string;
  /**
   * Not polled before this: a finished feed's next check (a 304 says its document, which said
   * it is finished, has not changed, so the row's status stays); absent: no wait.
   */
  nextCheck?: Date;
  /**
   * Leave the feed's journal of writes alone: a worker's 304 on PostgreSQL, where the journal
   * belongs to the site's writer (`publish`). A run's 304 clears it: no write of the feed can
   * be under way then.
   */
  keepJournal?: boolean;
}

/** A named feed whose url was edited in the config, moved with its posts to the new url. */
export interface MovedFeed {
  /** The feed's name in the config (its identity). */
  name: string;
  from: string;
  to: string;
  /** The posts (item rows) it keeps. */
  posts: number;
}
