import { type LoadedConfig, loadConfig, requireSqliteState } from '../../config/index.ts';
import {
  type BuildCost,
  describeHexoBuild,
  estimateHexoBuild,
  RUNNER_MEMORY_MIB,
  siteBuildCurve,
  siteSizeWarning,
} from '../../pipeline/index.ts';
import { type Generator, selectOutputTarget } from '../../render/index.ts';
import { readFeedStatus } from '../../store/index.ts';

/** The site part of `feedmill status`: how many posts, and what the next build will cost. */
export interface SiteSizeStatus {
  generator: Generator;
  /** Posts of every feed the state knows, removed feeds included (their posts are still built). */
  posts: number;
  /** The next `hexo generate`'s estimated cost (Hexo sites only). */
  hexoBuild?: BuildCost;
  /** Set when that build approaches a CI runner's memory; says what to do. */
  warning?: string;
}

/** Reads the site's post count from the state database and estimates its next build. */
export function collectSiteSize(configPath: string): SiteSizeStatus {
  const loaded = requireSqliteState(loadConfig(configPath), 'status');
  return siteSizeOf(loaded, readFeedStatus(loaded.statePath));
}

/** The site's size from its feeds' post counts (whichever state holds them), and its next build. */
export function siteSizeOf(
  loaded: Pick<LoadedConfig, 'config' | 'siteRoot'>,
  feeds: readonly { posts: number }[],
): SiteSizeStatus {
  const generator = selectOutputTarget(loaded.config.generator, loaded.siteRoot).generator;
  const posts = feeds.reduce((sum, feed) => sum + feed.posts, 0);
  if (generator !== 'hexo') return { generator, posts };
  const curve = siteBuildCurve(loaded.siteRoot);
  const warning = siteSizeWarning(posts, RUNNER_MEMORY_MIB, curve);
  return { generator, posts, hexoBuild: estimateHexoBuild(posts, curve), ...(warning ? { warning } : {}) };
}

/** The lines `feedmill status` prints below the feeds. */
export function formatSiteSize(site: SiteSizeStatus): string {
  if (!site.hexoBuild)
    return `\nsite: ${site.posts.toLocaleString('en-US')} post(s), built by ${site.generator}\n`;
  return `\nsite: ${describeHexoBuild(site.posts, site.hexoBuild)}\n${site.warning ? `warning: ${site.warning}\n` : ''}`;
}
