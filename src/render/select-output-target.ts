import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HEXO_TARGET } from './hexo/index.ts';
import { HUGO_TARGET } from './hugo/index.ts';
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
 * The generator whose config file the site holds, Hexo first (a Hexo site may also hold a
 * `config.yml` of its own); Hexo for a folder with none (feedmill's default).
 */
export function detectGenerator(siteRoot: string): Generator {
  const holds = (target: OutputTarget) => target.configFiles.some((name) => existsSync(join(siteRoot, name)));
  if (holds(HEXO_TARGET)) return 'hexo';
  return holds(HUGO_TARGET) ? 'hugo' : 'hexo';
}
