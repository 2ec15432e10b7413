export { loadConfigCached } from './config-cache.ts';
export type { LoadedConfig, StateLocation } from './finish-config.ts';
export { formatIssues, loadConfig, parseConfig } from './load-config.ts';
export { POSTGRES_COMMANDS, requireSqliteState } from './require-sqlite-state.ts';
export { type Config, configSchema, type FeedConfig, feedSchema, rsshubQuerySchema } from './schema.ts';
