export { dumpFrontMatter, type FrontMatter, formatPostDate } from './front-matter.ts';
export { postFileName, postFolder, safeSegment } from './post-path.ts';
export { readSiteConfig } from './read-site-config.ts';
export { renderPost, type SiteOptions } from './render-post.ts';
export { serializeBody } from './serialize-body.ts';
