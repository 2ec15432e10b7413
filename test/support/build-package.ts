import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './hexo-site.ts';

/**
 * Builds this checkout's dist/ into `packageRoot` as `npm run build` does (tsc's per-file output,
 * then the bundled CLI in dist/bundle that bin/feedmill.js runs), without declarations or maps.
 */
export function buildPackageInto(packageRoot: string): void {
  const dist = join(packageRoot, 'dist');
  const steps: string[][] = [
    [
      join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(REPO_ROOT, 'tsconfig.build.json'),
      '--outDir',
      dist,
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ],
    [join(REPO_ROOT, 'scripts', 'bundle-cli.mjs'), '--outdir', join(dist, 'bundle')],
  ];
  for (const args of steps) {
    const step = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (step.status !== 0) throw new Error(`build step failed: ${args[0]}\n${step.stdout}${step.stderr}`);
  }
}
