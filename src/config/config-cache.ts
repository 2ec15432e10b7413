import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sha256Hex } from '../sha256-hex.ts';
import { writeFileAtomic } from '../write-file-atomic.ts';
import { cacheDirFor } from './cache-dir.ts';
import { finishConfig, type LoadedConfig } from './finish-config.ts';
import { readConfigFile } from './read-config-file.ts';
import type { Config } from './schema.ts';

// Defined by scripts/bundle-cli.mjs as a fingerprint of the sources and lockfile of the bundle.
declare const FEEDMILL_BUILD_ID: string | undefined;

/** Where validated configs are kept, and the build whose validation they passed. */
export interface ConfigCache {
  dir: string;
  build: string;
}

/** The fingerprint of the bundled CLI that runs; undefined from sources or tsc's output. */
function bundledBuild(): string | undefined {
  return typeof FEEDMILL_BUILD_ID === 'string' ? FEEDMILL_BUILD_ID : undefined;
}

/**
 * The config cache of this process: `$FEEDMILL_CACHE_DIR`, else `$XDG_CACHE_HOME/feedmill`, else
 * `~/.cache/feedmill`. None without a build fingerprint: a cached config is trusted only by the
 * very code that validated it.
 */
export function configCacheFor(
  env: Readonly<Record<string, string | undefined>>,
  build: string | undefined = bundledBuild(),
): ConfigCache | undefined {
  if (build === undefined) return undefined;
  const dir = cacheDirFor(env);
  return dir === undefined ? undefined : { dir, build };
}

/**
 * `loadConfig`, skipping YAML parsing and schema validation when this build already validated
 * the same text: a run whose feeds all answer 304 spent about a tenth of its CPU on them (and on
 * loading zod). The environment is applied afresh each time; only the file's content is cached.
 */
export async function loadConfigCached(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cache: ConfigCache | undefined = configCacheFor(env),
): Promise<LoadedConfig> {
  const { absolute, text } = readConfigFile(file);
  // One entry per config file, so that editing a config replaces its entry instead of adding one.
  const entry = cache && {
    path: join(cache.dir, 'config', `${sha256Hex(absolute).slice(0, 32)}.json`),
    key: sha256Hex(`${cache.build}\0${text}`),
  };
  const cached = entry && readEntry(entry.path, entry.key);
  if (cached !== undefined) return finishConfig(cached, absolute, env);
  const { validateConfig } = await import('./load-config.ts');
  const data = validateConfig(text, absolute);
  if (entry) writeEntry(entry.path, entry.key, data);
  return finishConfig(data, absolute, env);
}

function readEntry(path: string, key: string): Config | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; config?: unknown };
    return entry.key === key && typeof entry.config === 'object' && entry.config !== null
      ? (entry.config as Config)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `data` when JSON gives it back unchanged (so a hit is the same config a miss gives);
 * owner-only, as a config may hold access keys. A cache that cannot be written is no error.
 */
function writeEntry(path: string, key: string, data: Config): void {
  const json = JSON.stringify({ key, config: data });
  if (!isDeepStrictEqual((JSON.parse(json) as { config: unknown }).config, data)) return;
  try {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, json, { mode: 0o600 });
  } catch {
    // Best effort: the next run validates again.
  }
}
