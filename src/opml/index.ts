export { addFeedsToConfig, type ImportResult } from './add-feeds-to-config.ts';
export { type OpmlDocument, type OpmlFeed, type OpmlSkip, readOpml } from './read-opml.ts';
export { type OpmlEntry, writeOpml } from './write-opml.ts';
