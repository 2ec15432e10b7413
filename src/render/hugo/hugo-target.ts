import type { OutputTarget } from '../output-target.ts';
import { hugoContentWarning } from './hugo-content-policy.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';
import { hugoPostFileName, hugoPostFolder } from './hugo-post-path.ts';
import { hugoTermCollisions } from './hugo-term-collisions.ts';
import { firstHugoConfig, HUGO_CONFIG_FILES, hugoSiteOptions } from './read-hugo-config.ts';
import { renderHugoPost } from './render-hugo-post.ts';

/**
 * Hugo: posts as HTML content files under `content/posts/<categories…>/`, front matter with
 * the categories taxonomy and Hugo's image keys, braces escaped by the clean stage (HUGO_MARKUP)
 * so no shortcode runs; the site's `hugo.*`/`config.*` gives the time zone, and is checked to
 * let Hugo 0.162+ read HTML.
 */
export const HUGO_TARGET: OutputTarget = {
  generator: 'hugo',
  postsDir: 'content/posts',
  configFiles: HUGO_CONFIG_FILES,
  // Hugo publishes static/ as it is, at the root of the site.
  images: { dir: 'static/images/feedmill', path: 'images/feedmill/' },
  markup: HUGO_MARKUP,
  readSite(siteRoot) {
    // One read of the config file gives both the site facts and the content policy.
    const config = firstHugoConfig(siteRoot);
    const warning = hugoContentWarning(siteRoot, config);
    return { options: hugoSiteOptions(config), warnings: warning === undefined ? [] : [warning] };
  },
  postFolder: hugoPostFolder,
  postFileName: hugoPostFileName,
  renderPost: renderHugoPost,
  categoryCollisions: (paths) => hugoTermCollisions(paths),
};
