export { type CleanOptions, cleanItem, sanitizeHtml } from './clean-item.ts';
export { cleanOptionsFor } from './clean-options-for.ts';
export { DEFAULT_POLICY, type SanitizePolicy } from './sanitize-policy.ts';
