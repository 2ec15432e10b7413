import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HEXO_TARGET } from './hexo/index.ts';
import { HUGO_CONFIG_FILES, HUGO_TARGET } from './hugo/index.ts';
import type { Generator, OutputTarget } from './output-target.ts';

const TARGETS: Readonly<Record<Generator, OutputTarget>> = { hexo: HEXO_TARGET, hugo: HUGO_TARGET };

/** The output target of a generator. */
export function outputTarget(generator: Generator): OutputTarget {
  return TARGETS[generator];
}

/**
 * The output target for a site: the configured `generator`, else the one the site's files
 * show (see detectGenerator).
 */
export function selectOutputTarget(configured: Generator | undefined, siteRoot: string): OutputTarget {
  return outputTarget(configured ?? detectGenerator(siteRoot));
}

/**
 * Hugo when the site has a Hugo config file (hugo.toml, config.yaml, …) and no Hexo
 * `_config.yml`; Hexo otherwise, also for a folder with neither (feedmill's default).
 */
export function detectGenerator(siteRoot: string): Generator {
  if (existsSync(join(siteRoot, '_config.yml'))) return 'hexo';
  return HUGO_CONFIG_FILES.some((name) => existsSync(join(siteRoot, name))) ? 'hugo' : 'hexo';
}
