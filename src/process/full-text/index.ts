export {
  type ArticleDocument,
  type ArticleOutcome,
  type ExtractRule,
  extractArticle,
  type ParseDocument,
} from './extract-article.ts';
export { findSiteRule } from './find-site-rule.ts';
export { type FullTextEntry, MAX_FETCH_ATTEMPTS } from './full-text-entry.ts';
export { createFullTextProcessor, FULL_TEXT, type FullTextProcessorOptions } from './full-text-processor.ts';
export { SITE_RULES, type SiteRule } from './site-rules.ts';
