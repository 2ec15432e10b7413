#!/usr/bin/env node
import module from 'node:module';
import { join } from 'node:path';
import { cacheDirFor } from '../dist/config/cache-dir.js';

// Node 22.1+ can keep V8's compiled code of the bundle between runs: about a tenth of the CPU of
// a run whose feeds all answer 304 goes to compiling it (docs/runs-state-and-http.md). Node 20 has
// no such cache. The folder is `compile/` in feedmill's cache folder (none when
// $FEEDMILL_CACHE_DIR is empty). NODE_COMPILE_CACHE, if set, has already enabled Node's own
// cache and takes precedence.
const cacheDir = cacheDirFor(process.env);
if (
  typeof module.enableCompileCache === 'function' &&
  cacheDir !== undefined &&
  !process.env.NODE_DISABLE_COMPILE_CACHE
) {
  // A cache that cannot be written is skipped by Node itself (status FAILED); never an error here.
  module.enableCompileCache(join(cacheDir, 'compile'));
}
await import('../dist/bundle/bin.js');
