export { HEXO_TARGET } from './hexo/index.ts';
export { HUGO_TARGET } from './hugo/index.ts';
export { oneLineText, themeSafeText } from './one-line-text.ts';
export type { Generator, OutputTarget, SiteConfig, SiteOptions, Slugize } from './output-target.ts';
export {
  IDENTITY_KEY,
  type PostIdentity,
  postIdentity,
  readPostIdentity,
  shortHash,
} from './post-identity.ts';
export { MAX_SEGMENT_BYTES, safeSegment } from './safe-segment.ts';
export { detectGenerator, outputTarget, selectOutputTarget } from './select-output-target.ts';
