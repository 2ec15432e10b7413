export { HEXO_TARGET } from './hexo/index.ts';
export type { Generator, OutputTarget, SiteOptions, Slugize } from './output-target.ts';
export {
  IDENTITY_KEY,
  type PostIdentity,
  postIdentity,
  readPostIdentity,
  shortHash,
} from './post-identity.ts';
