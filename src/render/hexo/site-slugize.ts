import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A slug function: a category name → the URL segment Hexo gives it. */
export type Slugize = (name: string) => string;

/**
 * The slugize of the hexo-util the site's Hexo itself uses (resolved from the site's folder),
 * so that category collisions are predicted exactly; undefined when the site has none
 * installed (feedmill then uses its own approximation, `hexoSlug`).
 */
export function siteSlugize(siteRoot: string): Slugize | undefined {
  try {
    const util: unknown = createRequire(join(siteRoot, 'package.json'))('hexo-util');
    const slugize = (util as { slugize?: unknown }).slugize;
    if (typeof slugize !== 'function') return undefined;
    return (name) => String((slugize as (value: string) => unknown)(name));
  } catch {
    return undefined;
  }
}
