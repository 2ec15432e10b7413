export { type CleanOptions, cleanItem, sanitizeHtml } from './clean-item.ts';
export { cleanOptionsFor } from './clean-options-for.ts';
export { LAZY_SOURCE_ATTRIBUTES, LAZY_SRCSET_ATTRIBUTES } from './image-policy.ts';
export { DEFAULT_POLICY, type SanitizePolicy } from './sanitize-policy.ts';
