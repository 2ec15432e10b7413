export { type DecodedText, decodeBytes } from './decode-bytes.ts';
export { parseAuthor } from './parse-author.ts';
export { parseDate } from './parse-date.ts';
export { type FeedFormat, type ParseOptions, type ParseResult, parseFeed } from './parse-feed.ts';
export { plainText } from './plain-text.ts';
export { mediaKindOf } from './playable-rank.ts';
export { effectiveMediaType, sniffMediaType } from './sniff-media-type.ts';
