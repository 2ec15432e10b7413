/** feedmill's library entry: the parser for in-process use, and the pipeline pieces. */

export { main } from './cli/index.ts';
export { type LoadedConfig, loadConfig } from './config/index.ts';
export type { Diagnostic, ErrorCode, ErrorContext } from './errors.ts';
export { FeedmillError } from './errors.ts';
export type { Item, JsonFeed, JsonFeedItem, Subscription } from './model.ts';
export { type FeedFormat, type ParseOptions, type ParseResult, parseFeed } from './parse/index.ts';
