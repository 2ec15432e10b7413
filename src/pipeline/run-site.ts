import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, LoadedConfig } from '../config/index.ts';
import {
  createFetcher,
  createPageFetcher,
  DEFAULT_FETCH_OPTIONS,
  DEFAULT_PAGE_FETCH,
  type Fetcher,
  type FetchOptions,
} from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import type { OutputTarget, SiteConfig, SiteOptions } from '../render/index.ts';
import { openSnapshotStore, openStore, type Store } from '../store/index.ts';
import { resolveSubscriptions } from '../subscriptions/index.ts';
import { type AdoptionOptions, adoptionWarnings, adoptPosts } from './adopt-posts.ts';
import { createPostWriter, type PostWriter } from './apply-writes.ts';
import { createPostAdopter } from './create-post-adopter.ts';
import { moveEditedFeeds } from './move-edited-feeds.ts';
import { applyPrune, type PruneCandidate, planPrune, type RetentionPolicy } from './prune-posts.ts';
import { repairSite } from './repair-site.ts';
import type { FeedReport, PlannedChange, RunReport } from './run-report.ts';
import { runSync } from './run-sync.ts';
import { collectSiteImages, type SiteImages, siteImages } from './site-images.ts';
import { acquireSiteLock } from './site-lock.ts';
import {
  estimateHexoBuild,
  RUNNER_MEMORY_MIB,
  siteBuildCurve,
  siteSizeWarning,
} from './site-size-estimate.ts';
import { siteConfigOf, sitePostsRoot, siteTarget } from './site-target.ts';

/** How a CLI session runs a site. */
export interface SiteRunOptions {
  userAgent: string;
  /** Wraps the HTTP fetcher (RSSHub key masking; `watch` observing answers). */
  wrapFetcher?: (fetcher: Fetcher) => Fetcher;
  /**
   * The subscriptions to run, given the run's fetcher (the RSSHub catalogue is loaded through
   * it); default every feed of the config as written.
   */
  prepare?: (fetcher: Fetcher) => Promise<readonly Subscription[]>;
  /** Where posts go; default the target's posts folder in the site (the Hexo plugin passes its source_dir). */
  postsRoot?: string;
  /** Site options over those read from the site's config (the Hexo plugin passes Hexo's timezone). */
  site?: SiteOptions;
  /**
   * Plan only: the run works on a throwaway copy of the state with a writer that records,
   * so the plan is exactly a real run's; nothing is locked, repaired, written or pruned.
   */
  dryRun?: boolean;
  /** Fetch feeds backing off from earlier failures now (`feedmill run --retry`). */
  retry?: boolean;
  onFeedStart?: ((subscription: Subscription) => void) | undefined;
  onFeedDone?: ((report: FeedReport) => void) | undefined;
  now?: () => Date;
  /** A stop: no further feed starts once it aborts (see RunOptions.signal). */
  signal?: AbortSignal;
}

/**
 * One `feedmill run` on a site: take the site lock, repair what an interrupted run left,
 * run the flow (runSync), apply retention, and warn when the site grows too large for Hexo.
 */
export async function runSite(loaded: LoadedConfig, options: SiteRunOptions): Promise<RunReport> {
  const now = options.now ?? (() => new Date());
  const target = siteTarget(loaded);
  const postsRoot = options.postsRoot ?? sitePostsRoot(loaded, target);
  // The site's config, read once for the run: its facts for every stage, its warnings at the end.
  const site = siteConfigOf(loaded, target, options.site);
  if (options.dryRun) return dryRunSite(loaded, options, { postsRoot, now, target, site });
  return withSite(loaded, postsRoot, async (store, writer) => {
    const repair = await repairSite(store, postsRoot, writer, adoptionOf(loaded, site.options, true));
    const { report, retention, images } = await runFlow(loaded, options, {
      store,
      writer,
      postsRoot,
      now,
      target,
      site: site.options,
    });
    const candidates = planPrune(store, retention, now());
    await applyPrune({ store, writer }, candidates, now());
    // Local image copies no post uses any more go once the posts are committed and pruned.
    await collectSiteImages(images, store, postsRoot);
    const posts = store.countItems();
    const warnings: string[] = repair.rebuilt
      ? adoptionWarnings(repair.rebuilt, loaded.statePath, postsRoot)
      : [];
    // Hexo's build grows with the posts until it outgrows a CI runner; Hugo's does not.
    // (The curve of the site's theme: Volantis's own, else the default preset's.)
    const curve = target.generator === 'hexo' ? siteBuildCurve(loaded.siteRoot) : undefined;
    const sizeWarning = curve ? siteSizeWarning(posts, RUNNER_MEMORY_MIB, curve) : undefined;
    if (sizeWarning) warnings.push(sizeWarning);
    warnings.push(...site.warnings);
    return {
      ...report,
      repair,
      pruned: candidates.length,
      warnings,
      ...(curve ? { hexoBuild: estimateHexoBuild(posts, curve) } : {}),
    };
  });
}

/** The run proper, shared by real and dry runs: fetcher, subscriptions, runSync. */
async function runFlow(
  loaded: LoadedConfig,
  options: SiteRunOptions,
  effects: {
    store: Store;
    writer: PostWriter;
    postsRoot: string;
    now: () => Date;
    target: OutputTarget;
    site: SiteOptions;
  },
): Promise<{ report: RunReport; retention: ReturnType<typeof retentionOf>; images?: SiteImages }> {
  const fetchOptions = fetchOptionsOf(loaded.config, options.userAgent);
  const fetcher = (options.wrapFetcher ?? ((inner: Fetcher) => inner))(createFetcher(fetchOptions));
  // Article pages and images: the same limits, their own connections, one at a time per host.
  const fetchPage = createPageFetcher({ ...fetchOptions, ...DEFAULT_PAGE_FETCH });
  const retention = retentionOf(loaded.config);
  try {
    const subscriptions = options.prepare ? await options.prepare(fetcher) : resolveSubscriptions(loaded);
    // Before any feed is fetched, so an edited url finds its posts (on a dry run's copy: nothing changes).
    const moved = moveEditedFeeds(effects.store, loaded.config.feeds);
    const site = effects.site;
    const images = siteImages(loaded, effects.target, site, effects.store, {
      dryRun: options.dryRun === true,
    });
    const report = await runSync(
      {
        subscriptions,
        target: effects.target,
        site,
        concurrency: fetchOptions.concurrency,
        onFeedStart: options.onFeedStart,
        onFeedDone: options.onFeedDone,
        retention: new Map(retention.map((entry) => [entry.source, entry.keep])),
        ...(options.retry ? { retry: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      {
        fetcher,
        store: effects.store,
        writer: effects.writer,
        namesIn: (folder) => namesIn(join(effects.postsRoot, ...folder.split('/'))),
        now: effects.now,
        fetchPage,
        ...(images ? { images: images.processor } : {}),
        adoptPost: createPostAdopter(
          effects.store,
          effects.postsRoot,
          adoptionOf(loaded, site, false).timezone,
        ),
      },
    );
    return {
      report: moved.length > 0 ? { ...report, moved } : report,
      retention,
      ...(images ? { images } : {}),
    };
  } finally {
    fetcher.close?.();
    fetchPage.close();
  }
}

/** `feedmill prune`: what retention would delete (dryRun) or deletes now, under the site lock. */
export async function pruneSite(
  loaded: LoadedConfig,
  options: { dryRun: boolean; now?: () => Date },
): Promise<PruneCandidate[]> {
  const now = options.now ?? (() => new Date());
  const target = siteTarget(loaded);
  const postsRoot = sitePostsRoot(loaded, target);
  return withSite(loaded, postsRoot, async (store, writer) => {
    const site = siteConfigOf(loaded, target, undefined).options;
    await repairSite(store, postsRoot, writer, adoptionOf(loaded, site, true));
    const candidates = planPrune(store, retentionOf(loaded.config), now());
    if (!options.dryRun) {
      await applyPrune({ store, writer }, candidates, now());
      await collectSiteImages(siteImages(loaded, target, site, store, { dryRun: false }), store, postsRoot);
    }
    return candidates;
  });
}

/** A dry run: the same flow on a copy of the state, with a writer that only records the plan. */
async function dryRunSite(
  loaded: LoadedConfig,
  options: SiteRunOptions,
  run: { postsRoot: string; now: () => Date; target: OutputTarget; site: SiteConfig },
): Promise<RunReport> {
  const { postsRoot, now, target, site } = run;
  const store = openSnapshotStore(loaded.statePath, { fsync: false });
  // Without a state database the plan adopts the posts on disk, as the real run will.
  const adopted =
    store.fresh && existsSync(postsRoot)
      ? adoptPosts(store, postsRoot, adoptionOf(loaded, site.options, false))
      : undefined;
  const plan: PlannedChange[] = [];
  const writer: PostWriter = {
    write: async (relativePath) => {
      const kind = existsSync(join(postsRoot, ...relativePath.split('/'))) ? 'update' : 'create';
      plan.push({ kind, path: relativePath });
    },
    remove: async (relativePath) => {
      plan.push({ kind: 'delete', path: relativePath });
    },
    flush: async () => {},
  };
  try {
    const { report, retention } = await runFlow(loaded, options, {
      store,
      writer,
      postsRoot,
      now,
      target,
      site: site.options,
    });
    for (const candidate of planPrune(store, retention, now()))
      plan.push({ kind: 'delete', path: candidate.postPath });
    const warnings = [
      ...(adopted ? adoptionWarnings(adopted, loaded.statePath, postsRoot, true) : []),
      ...site.warnings,
    ];
    return { ...report, plan, ...(warnings.length > 0 ? { warnings } : {}) };
  } finally {
    store.close();
  }
}

async function withSite<T>(
  loaded: LoadedConfig,
  postsRoot: string,
  work: (store: Store, writer: PostWriter) => Promise<T>,
): Promise<T> {
  const lock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
  try {
    const fsync = { fsync: loaded.config.fsync };
    const store = openStore(loaded.statePath, fsync);
    try {
      return await work(store, createPostWriter(postsRoot, fsync));
    } finally {
      store.close();
    }
  } finally {
    lock.release();
  }
}

/** What adopting posts needs: every configured source, and the site's timezone to read dates. */
function adoptionOf(loaded: LoadedConfig, site: SiteOptions, removeTemporaryFiles: boolean): AdoptionOptions {
  return {
    sources: loaded.config.feeds.map((feed) => feed.url),
    timezone: site.timezone,
    removeTemporaryFiles,
  };
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

/** A folder's entries; none when it is missing or unreadable (the write then reports why). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
