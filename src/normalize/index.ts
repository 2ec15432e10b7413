export { type NormalizeOptions, toItems } from './to-items.ts';
