#!/usr/bin/env node
import module from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

// Node 22.1+ can keep V8's compiled code of the bundle between runs: about a tenth of the CPU of
// a run whose feeds all answer 304 goes to compiling it (docs/runs-state-and-http.md). Node 20 has
// no such cache. The folder is feedmill's cache folder, as for configs (src/config/config-cache.ts):
// $FEEDMILL_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/feedmill, else ~/.cache/feedmill.
// NODE_COMPILE_CACHE, if set, has already enabled Node's own cache and takes precedence.
const given = process.env.FEEDMILL_CACHE_DIR;
if (
  typeof module.enableCompileCache === 'function' &&
  given !== '' &&
  !process.env.NODE_DISABLE_COMPILE_CACHE
) {
  const xdg = process.env.XDG_CACHE_HOME;
  const root = given ?? join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'feedmill');
  // A cache that cannot be written is skipped by Node itself (status FAILED); never an error here.
  module.enableCompileCache(join(root, 'compile'));
}
await import('../dist/bundle/bin.js');
