export { feedCategories } from './feed-categories.ts';
export { type NormalizeOptions, toItems } from './to-items.ts';
