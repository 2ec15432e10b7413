export { plainText } from './feed-text.ts';
export { parseDate } from './parse-date.ts';
export { type FeedFormat, type ParseOptions, type ParseResult, parseFeed } from './parse-feed.ts';
