import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { type OutputTarget, type SiteOptions, selectOutputTarget } from '../render/index.ts';

/** The output target a site's posts are written for: `generator:` in the config, else detected. */
export function siteTarget(loaded: LoadedConfig): OutputTarget {
  return selectOutputTarget(loaded.config.generator, loaded.siteRoot);
}

/** The absolute folder a site's posts live in, as its target lays them out. */
export function sitePostsRoot(loaded: LoadedConfig, target: OutputTarget = siteTarget(loaded)): string {
  return join(loaded.siteRoot, ...target.postsDir.split('/'));
}

/** The site's facts from its own config, with what the caller knows better (the Hexo plugin's zone) on top. */
export function siteOptionsOf(
  loaded: LoadedConfig,
  target: OutputTarget,
  given: SiteOptions | undefined,
): SiteOptions {
  return { ...target.readSite(loaded.siteRoot), ...given };
}
