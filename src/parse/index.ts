export { parseDate } from './parse-date.ts';
export { type FeedFormat, type ParseOptions, type ParseResult, parseFeed } from './parse-feed.ts';
export { plainText } from './plain-text.ts';
