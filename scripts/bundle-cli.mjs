// Bundles the CLI (src/cli/bin.ts) with esbuild into dist/bundle/: what `bin/feedmill.js` runs.
// Why: a short run (all feeds answering 304) spent a quarter of its CPU resolving, compiling and
// linking ~340 ES modules one by one; the same code in a few chunks starts measurably faster
// (docs/runs-state-and-http.md, Start-up). Chunks are split at the CLI's dynamic imports, so a
// command still loads only what it uses. The library entry (dist/index.js) and the Hexo plugin
// stay tsc's per-file output.
// Usage: node scripts/bundle-cli.mjs [--outdir DIR]   (DIR must sit two levels under the package
// root, as dist/bundle does: the code finds package.json and templates/ at ../../ from its chunk)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(ROOT, 'dist', 'bundle'));

/** A fingerprint of everything the bundle is made of: every source file and the lockfile. */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, join(ROOT, 'package-lock.json')]) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

rmSync(outdir, { recursive: true, force: true });
await build({
  // The worker that reads big feed bodies is started from its own file (beside its caller's chunk).
  entryPoints: [join(ROOT, 'src', 'cli', 'bin.ts'), join(ROOT, 'src', 'pipeline', 'read-items-worker.ts')],
  entryNames: '[name]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A native addon, and pg's optional native binding: loaded from node_modules at run time.
  external: ['better-sqlite3', 'better-sqlite3-node-api', 'pg-native'],
  // Bundled CommonJS packages call `require` for Node's own modules; an ES module has none.
  banner: {
    js: "import { createRequire as feedmillCreateRequire } from 'node:module';\nconst require = feedmillCreateRequire(import.meta.url);",
  },
  // Code may key caches on the build it runs in (src/config/config-cache.ts).
  define: { FEEDMILL_BUILD_ID: JSON.stringify(buildId()) },
  legalComments: 'eof',
  logLevel: 'warning',
});
