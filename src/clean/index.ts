export { type CleanOptions, cleanItem } from './clean-item.ts';
