import { FeedmillError } from '../errors.ts';
import { maskConnectionString } from '../store/postgres/index.ts';
import type { LoadedConfig } from './finish-config.ts';

/** The commands that work on a PostgreSQL state; every other one needs the SQLite file. */
export const POSTGRES_COMMANDS: readonly string[] = ['worker', 'publish', 'prune', 'status'];

/**
 * Returns `loaded` when its state is the SQLite file; a PostgreSQL state is refused with
 * CONFIG_INVALID naming the commands that support it, so no command silently uses the
 * default SQLite file instead of the configured database.
 */
export function requireSqliteState(loaded: LoadedConfig, command: string): LoadedConfig {
  if (loaded.state.kind === 'sqlite') return loaded;
  const names = POSTGRES_COMMANDS.map((name) => `feedmill ${name}`);
  const supported = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  throw new FeedmillError(
    'CONFIG_INVALID',
    `${loaded.file}: state is PostgreSQL (${maskConnectionString(loaded.state.url)}), which only ${supported} use; ` +
      `feedmill ${command} works on a SQLite state file only (remove state:, or give a file path)`,
    { path: loaded.file },
  );
}
