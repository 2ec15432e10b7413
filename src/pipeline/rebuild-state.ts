import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { type SiteOptions, shortHash } from '../render/index.ts';
import { carryOverState, openStore, removeDatabase, replaceStateDatabase } from '../store/index.ts';
import { type AdoptionReport, adoptPosts, type PreviousItems } from './adopt-posts.ts';
import { acquireSiteLock } from './site-lock.ts';
import { siteConfigOf, sitePostsRoot, siteTarget } from './site-target.ts';

/** What `feedmill state rebuild` did. */
export interface RebuildReport extends AdoptionReport {
  statePath: string;
  postsRoot: string;
  /** What became of the database that was there: none, read (its feeds kept), or damaged. */
  previous: 'none' | 'kept' | 'damaged';
  /** Feeds whose validators, backoff and errors were kept. */
  feedsKept: number;
  /** Why the old database could not be read. */
  damage?: string;
  /** Where the old database was moved. */
  backup?: string;
}

/**
 * Rebuilds the state database from the posts, under the site lock: a fresh database is built
 * next to the old one (keeping the old one's feeds, tombstones and catalogue cache when it is
 * readable), every post carrying a feedmill identity is adopted, then the fresh database takes
 * the old one's place and the old one is kept as `state.db.bak`.
 */
export function rebuildState(
  loaded: LoadedConfig,
  options: { postsRoot?: string; site?: SiteOptions } = {},
): RebuildReport {
  const postsRoot = options.postsRoot ?? sitePostsRoot(loaded);
  const statePath = loaded.statePath;
  const lock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
  try {
    const fresh = `${statePath}.rebuild`;
    removeDatabase(fresh);
    const report: RebuildReport = {
      statePath,
      postsRoot,
      previous: 'none',
      feedsKept: 0,
      adopted: 0,
      orphaned: 0,
      duplicates: 0,
      temporaryFilesRemoved: 0,
    };
    let previous: PreviousItems | undefined;
    if (existsSync(statePath)) {
      const carried = carryOverState(statePath, fresh);
      if (carried.kind === 'kept') {
        report.previous = 'kept';
        report.feedsKept = carried.feeds;
        previous = new Map(
          carried.items.map((item) => [
            `${item.url}\n${shortHash(item.key)}`,
            { key: item.key, firstSeen: item.firstSeen },
          ]),
        );
      } else {
        report.previous = 'damaged';
        const cause = carried.error.cause;
        report.damage = cause instanceof Error ? cause.message : carried.error.message;
      }
    }
    const store = openStore(fresh, { fsync: loaded.config.fsync });
    try {
      Object.assign(
        report,
        adoptPosts(store, postsRoot, {
          sources: loaded.config.feeds.map((feed) => feed.url),
          timezone: siteConfigOf(loaded, siteTarget(loaded), options.site).options.timezone,
          ...(previous ? { previous } : {}),
          removeTemporaryFiles: true,
        }),
      );
    } catch (error) {
      store.close();
      removeDatabase(fresh);
      throw error;
    }
    store.close();
    const backup = replaceStateDatabase(fresh, statePath);
    if (backup) report.backup = backup;
    return report;
  } finally {
    lock.release();
  }
}
