export { categorySlugCollisions, hexoSlug } from './category-slugs.ts';
export { dumpFrontMatter, type FrontMatter, formatPostDate } from './front-matter.ts';
export { HEXO_TARGET } from './hexo-target.ts';
export { DEFAULT_IMAGE_KEYS, IMAGE_KEY_PRESETS, RESERVED_KEYS } from './image-keys.ts';
export { markdownBody } from './markdown-body.ts';
export { postFileName, postFolder } from './post-path.ts';
export { readSiteConfig } from './read-site-config.ts';
export { DEFAULT_POST_OPTIONS, renderPost } from './render-post.ts';
export { type Slugize, siteSlugize } from './site-slugize.ts';
