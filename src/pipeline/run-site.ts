import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, LoadedConfig } from '../config/index.ts';
import { createFetcher, DEFAULT_FETCH_OPTIONS, type FetchOptions } from '../fetch/index.ts';
import { readSiteConfig } from '../render/hexo/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { resolveSubscriptions } from '../subscriptions/index.ts';
import { createPostWriter, type PostWriter } from './apply-writes.ts';
import {
  applyPrune,
  POSTS_WARNING_THRESHOLD,
  type PruneCandidate,
  planPrune,
  type RetentionPolicy,
} from './prune-posts.ts';
import { repairSite } from './repair-site.ts';
import type { FeedReport, RunReport } from './run-report.ts';
import { runSync } from './run-sync.ts';
import { acquireSiteLock } from './site-lock.ts';

/** How a CLI session runs a site. */
export interface SiteRunOptions {
  userAgent: string;
  onFeedDone?: ((report: FeedReport) => void) | undefined;
  now?: () => Date;
}

/**
 * One `feedmill run` on a site: take the site lock, repair what an interrupted run left,
 * run the flow (runSync), apply retention, and warn when the site grows too large for Hexo.
 */
export async function runSite(loaded: LoadedConfig, options: SiteRunOptions): Promise<RunReport> {
  const now = options.now ?? (() => new Date());
  return withSite(loaded, async (store, writer, postsRoot) => {
    const repair = await repairSite(store, postsRoot, writer);
    const fetchOptions = fetchOptionsOf(loaded.config, options.userAgent);
    const fetcher = createFetcher(fetchOptions);
    const retention = retentionOf(loaded.config);
    let report: RunReport;
    try {
      report = await runSync(
        {
          subscriptions: resolveSubscriptions(loaded.config, loaded.file),
          site: readSiteConfig(loaded.siteRoot),
          concurrency: fetchOptions.concurrency,
          onFeedDone: options.onFeedDone,
          retention: new Map(retention.map((entry) => [entry.source, entry.keep])),
        },
        {
          fetcher,
          store,
          writer,
          exists: (relativePath) => existsSync(join(postsRoot, ...relativePath.split('/'))),
          now,
        },
      );
    } finally {
      fetcher.close?.();
    }
    const candidates = planPrune(store, retention, now());
    await applyPrune({ store, writer }, candidates, now());
    const posts = store.countItems();
    const warnings: string[] = [];
    if (posts > POSTS_WARNING_THRESHOLD) {
      warnings.push(
        `the site holds ${posts} feedmill posts (more than ${POSTS_WARNING_THRESHOLD}): Hexo slows down badly past that ` +
          '(Hexo 7 grows quadratically, about 6 min and 4 GiB for 10,000 posts); set keep: { max_items_per_feed, max_age_days }',
      );
    }
    return { ...report, repair, pruned: candidates.length, warnings };
  });
}

/** `feedmill prune`: what retention would delete (dryRun) or deletes now, under the site lock. */
export async function pruneSite(
  loaded: LoadedConfig,
  options: { dryRun: boolean; now?: () => Date },
): Promise<PruneCandidate[]> {
  const now = options.now ?? (() => new Date());
  return withSite(loaded, async (store, writer, postsRoot) => {
    await repairSite(store, postsRoot, writer);
    const candidates = planPrune(store, retentionOf(loaded.config), now());
    if (!options.dryRun) await applyPrune({ store, writer }, candidates, now());
    return candidates;
  });
}

async function withSite<T>(
  loaded: LoadedConfig,
  work: (store: Store, writer: PostWriter, postsRoot: string) => Promise<T>,
): Promise<T> {
  const lock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
  try {
    const fsync = { fsync: loaded.config.fsync };
    const store = openStore(loaded.statePath, fsync);
    try {
      const postsRoot = join(loaded.siteRoot, 'source', '_posts');
      return await work(store, createPostWriter(postsRoot, fsync), postsRoot);
    } finally {
      store.close();
    }
  } finally {
    lock.release();
  }
}

/** The `http:` block as fetch options. */
export function fetchOptionsOf(config: Config, userAgent: string): FetchOptions {
  return {
    ...DEFAULT_FETCH_OPTIONS,
    userAgent,
    timeoutMs: config.http.timeout_seconds * 1000,
    connectTimeoutMs: config.http.connect_timeout_seconds * 1000,
    maxBytes: config.http.max_bytes,
    concurrency: config.http.concurrency,
    perHost: config.http.per_host,
    refusePrivate: config.http.refuse_private,
  };
}

/** Each feed's retention: its own `keep` fields over the top-level ones. */
export function retentionOf(config: Config): { source: string; keep: RetentionPolicy }[] {
  return config.feeds.map((feed) => {
    const merged = { ...config.keep, ...feed.keep };
    const keep: RetentionPolicy = {};
    if (merged.max_items_per_feed !== undefined) keep.maxItemsPerFeed = merged.max_items_per_feed;
    if (merged.max_age_days !== undefined) keep.maxAgeDays = merged.max_age_days;
    return { source: feed.url, keep };
  });
}
