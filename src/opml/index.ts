export { addFeedsToConfig, type ImportResult } from './add-feeds-to-config.ts';
export { type OpmlFeed, readOpml } from './read-opml.ts';
export { type OpmlEntry, writeOpml } from './write-opml.ts';
