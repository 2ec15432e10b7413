export { formatRfc3339 } from './format-rfc3339.ts';
export { HUGO_MARKUP } from './hugo-markup.ts';
export { hugoPostFileName, hugoPostFolder, hugoSegment } from './hugo-post-path.ts';
export { HUGO_TARGET } from './hugo-target.ts';
export { hugoTermCollisions, hugoTermKey } from './hugo-term-collisions.ts';
export {
  firstHugoConfig,
  HUGO_CONFIG_FILES,
  type HugoConfigFile,
  hugoSiteOptions,
} from './read-hugo-config.ts';
export { renderHugoPost } from './render-hugo-post.ts';
