export { dateUndated } from './date-undated.ts';
export { feedCategories } from './feed-categories.ts';
export { type NormalizeOptions, toItems } from './to-items.ts';
