import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The environment variable that moves feedmill's cache folder; set empty, it turns the cache off. */
export const CACHE_DIR_ENV = 'FEEDMILL_CACHE_DIR';

/**
 * feedmill's cache folder (validated configs, and on Node 22.1+ the CLI's compiled code):
 * `$FEEDMILL_CACHE_DIR`, else `$XDG_CACHE_HOME/feedmill`, else `~/.cache/feedmill`; none when
 * `$FEEDMILL_CACHE_DIR` is empty. bin/feedmill.js reads it from tsc's output before the bundle
 * loads, so this module imports nothing of feedmill's.
 */
export function cacheDirFor(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const given = env[CACHE_DIR_ENV];
  if (given !== undefined) return given === '' ? undefined : given;
  const xdg = env.XDG_CACHE_HOME;
  // The XDG base directory spec: a relative path in the variable is invalid and ignored.
  const root = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(root, 'feedmill');
}
