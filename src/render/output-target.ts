import type { BodyMarkup } from '../clean/index.ts';
import type { Diagnostic } from '../errors.ts';
import type { CleanItem, Subscription } from '../model.ts';

/** The static site generators feedmill writes posts for. */
export type Generator = 'hexo' | 'hugo';

/** A slug function: a category name → the URL segment the generator gives it. */
export type Slugize = (name: string) => string;

/** Site facts that change how posts are written, read from the site's own config. */
export interface SiteOptions {
  /** The site's time zone (Hexo `timezone`, Hugo `timeZone`), if its config sets one. */
  timezone?: string;
  /** How the site's generator slugs category names, when feedmill can use the site's own code. */
  slugize?: Slugize;
  /** The URL path the site is served under, with leading and trailing `/` (Hexo `root`); `/` when unset. */
  root?: string;
}

/**
 * What a target reads from a site's own config, once per run: the facts posts are written
 * with, and what the config keeps the generator from building of feedmill's posts.
 */
export interface SiteConfig {
  /** The site facts (missing or unreadable config: defaults). */
  options: SiteOptions;
  /** Warnings for the run's report; none when the generator will build the posts. */
  warnings: readonly string[];
}

/**
 * How posts are laid out and written for one static site generator. The composer (runSync)
 * and the site runner know posts only through this: where they live, how files are named,
 * what a post's text is, and which category names collide on the generator's pages.
 */
export interface OutputTarget {
  readonly generator: Generator;
  /** The posts folder relative to the site root, `/`-separated (`source/_posts`, `content/posts`). */
  readonly postsDir: string;
  /** The config files that make a folder a site of this generator (`_config.yml`, `hugo.toml`, …). */
  readonly configFiles: readonly string[];
  /**
   * Where `images: local` puts image copies: a folder relative to the site root that the
   * generator publishes as is, and its URL path under the site's root. None: images stay remote.
   */
  readonly images?: { readonly dir: string; readonly path: string };
  /**
   * The form the clean stage writes bodies in for this generator: escaped for it in the one
   * serialization. {@link renderPost} takes bodies cleaned with it and no other.
   */
  readonly markup: BodyMarkup;
  /** Reads the site's config file once: its facts and the warnings it is worth. */
  readSite(siteRoot: string): SiteConfig;
  /** The folder of a feed's posts relative to the posts folder: one segment per category. */
  postFolder(categories: readonly string[]): string;
  /** A post file name from its title (extension included); `suffix` tells colliding titles apart. */
  postFileName(title: string, suffix?: string): string;
  /** The whole text of a post file: front matter (with the identity line) and the escaped body. */
  renderPost(item: CleanItem, subscription: Subscription, site: SiteOptions): string;
  /** Category paths whose pages the generator would publish at one URL (or none), by input index. */
  categoryCollisions(paths: readonly (readonly string[])[], site: SiteOptions): Map<number, Diagnostic[]>;
}
