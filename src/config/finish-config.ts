import { dirname, resolve } from 'node:path';
import { FeedmillError } from '../errors.ts';
import { bindUrlEnv } from '../fetch/index.ts';
import type { Config } from './schema.ts';

/** A validated config plus the absolute paths derived from it. */
export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** Absolute path of the Hexo site root. */
  siteRoot: string;
  /** Absolute path of the SQLite state database (the default path when the state is in PostgreSQL). */
  statePath: string;
  /** Where the state lives: the embedded SQLite file, or a PostgreSQL server. */
  state: StateLocation;
  /**
   * The environment variables feed URLs refer to (`${NAME}`) that are set, with their values:
   * secrets, put into URLs only to fetch (see fetch/url-env.ts).
   */
  urlEnv: ReadonlyMap<string, string>;
}

/** The state backend a config names; a PostgreSQL URL may hold a password: never print it unmasked. */
export type StateLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** The environment variable whose RSSHub instances (URLs, comma- or space-separated) go before the config's. */
export const RSSHUB_INSTANCES_ENV = 'FEEDMILL_RSSHUB_INSTANCES';

/**
 * A validated config joined with the environment: FEEDMILL_RSSHUB_INSTANCES's instances (a CI
 * job's own RSSHub) go first, `state.url_env` and the variables feed URLs name are read, paths
 * are made absolute, and the result is frozen. Needs no schema, so a config read from the cache
 * does not load zod (nor keep a secret from the environment in the cache).
 */
export function finishConfig(
  data: Config,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): LoadedConfig {
  const envInstances = readEnvInstances(env[RSSHUB_INSTANCES_ENV], file);
  data.rsshub.instances = [...envInstances, ...data.rsshub.instances];
  const config = deepFreeze(data);
  const siteRoot = resolve(dirname(file), config.hexo);
  const state = stateLocation(config.state, file, siteRoot, env);
  const statePath = state.kind === 'sqlite' ? state.path : resolve(siteRoot, '.feedmill', 'state.db');
  const urlEnv = bindUrlEnv(
    config.feeds.map((feed) => feed.url),
    env,
  );
  return { config, file, siteRoot, statePath, state, urlEnv };
}

/** `state:` as a file path (relative to the config), a postgres:// URL, or `{ url_env: NAME }`. */
function stateLocation(
  given: Config['state'],
  file: string,
  siteRoot: string,
  env: Readonly<Record<string, string | undefined>>,
): StateLocation {
  if (given === undefined) return { kind: 'sqlite', path: resolve(siteRoot, '.feedmill', 'state.db') };
  if (typeof given === 'string')
    return isPostgresUrl(given)
      ? { kind: 'postgres', url: given }
      : { kind: 'sqlite', path: resolve(dirname(file), given) };
  const url = env[given.url_env];
  if (!url || !isPostgresUrl(url))
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${file} has errors:\nstate.url_env: the environment variable ${given.url_env} ${
        url ? 'does not hold a postgres:// or postgresql:// URL' : 'is not set'
      }`,
      { path: file },
    );
  return { kind: 'postgres', url };
}

function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/** The instances listed in the environment (validated as http(s) URLs), in order. */
function readEnvInstances(listed: string | undefined, file: string): string[] {
  const urls = (listed ?? '').split(/[\s,]+/).filter(Boolean);
  for (const url of urls) {
    const protocol = URL.canParse(url) ? new URL(url).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new FeedmillError(
        'CONFIG_INVALID',
        `${RSSHUB_INSTANCES_ENV}: ${JSON.stringify(url)} is not an http(s) URL (used with ${file})`,
        { path: file },
      );
  }
  return urls;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
