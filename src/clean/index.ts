export type { BodyMarkup, MarkupWriter } from './body-markup.ts';
export { type CleanOptions, cleanItem, sanitizeHtml } from './clean-item.ts';
export { cleanOptionsFor } from './clean-options-for.ts';
export { LAZY_SOURCE_ATTRIBUTES, LAZY_SRCSET_ATTRIBUTES } from './image-policy.ts';
export { PLAIN_HTML } from './plain-html-markup.ts';
export { DEFAULT_POLICY, type SanitizePolicy } from './sanitize-policy.ts';
