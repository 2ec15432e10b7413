import type { OutputTarget } from '../output-target.ts';
import { categorySlugCollisions, hexoSlug } from './category-slugs.ts';
import { HEXO_MARKUP } from './hexo-markup.ts';
import { postFileName, postFolder } from './post-path.ts';
import { readSiteConfig } from './read-site-config.ts';
import { renderPost } from './render-post.ts';
import { type Slugize, siteSlugize } from './site-slugize.ts';

/**
 * Hexo: posts under `source/_posts/<categories…>/`, front matter for Volantis and the other
 * presets, the body as one HTML block Hexo's renderers pass through; the site's `_config.yml`
 * gives the timezone and its hexo-util the category slugs.
 */
export const HEXO_TARGET: OutputTarget = {
  generator: 'hexo',
  postsDir: 'source/_posts',
  configFiles: ['_config.yml'],
  // Hexo copies files under source/ (outside _posts, not starting with _ or .) to public/ as they are.
  images: { dir: 'source/images/feedmill', path: 'images/feedmill/' },
  markup: HEXO_MARKUP,
  readSite(siteRoot) {
    // The site's hexo-util is loaded when a first slug is asked for, not by every run.
    let slugize: Slugize | undefined;
    return {
      options: {
        ...readSiteConfig(siteRoot),
        slugize: (name) => {
          slugize ??= siteSlugize(siteRoot) ?? hexoSlug;
          return slugize(name);
        },
      },
      warnings: [],
    };
  },
  postFolder,
  postFileName,
  renderPost,
  categoryCollisions: (paths, site) => categorySlugCollisions(paths, site.slugize),
};
