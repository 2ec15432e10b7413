import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { type OutputTarget, type SiteConfig, type SiteOptions, selectOutputTarget } from '../render/index.ts';

/** The output target a site's posts are written for: `generator:` in the config, else detected. */
export function siteTarget(loaded: LoadedConfig): OutputTarget {
  return selectOutputTarget(loaded.config.generator, loaded.siteRoot);
}

/** The absolute folder a site's posts live in, as its target lays them out. */
export function sitePostsRoot(loaded: LoadedConfig, target: OutputTarget = siteTarget(loaded)): string {
  return join(loaded.siteRoot, ...target.postsDir.split('/'));
}

/**
 * The site's own config as its target reads it (read once, and passed on to whatever needs its
 * facts or warnings), with what the caller knows better (the Hexo plugin's zone) on its facts.
 */
export function siteConfigOf(
  loaded: LoadedConfig,
  target: OutputTarget,
  given: SiteOptions | undefined,
): SiteConfig {
  const read = target.readSite(loaded.siteRoot);
  return { ...read, options: { ...read.options, ...given } };
}
