export {
  formatIssues,
  type LoadedConfig,
  loadConfig,
  parseConfig,
  type StateLocation,
} from './load-config.ts';
export { POSTGRES_COMMANDS, requireSqliteState } from './require-sqlite-state.ts';
export { type Config, configSchema, type FeedConfig, feedSchema, rsshubQuerySchema } from './schema.ts';
