import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeedmillError } from '../errors.ts';
import type { RunNpm } from './run-npm.ts';

/** The root of the running feedmill package: a checkout or an installed copy (the same from src/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How a scaffolded site depends on feedmill. */
export type FeedmillDependency =
  | { kind: 'registry'; range: string }
  /** A packed feedmill (absolute path of a .tgz) that the site vendors and depends on by file. */
  | { kind: 'tarball'; tarball: string };

/**
 * The dependency spec a site's package.json gives feedmill. A tarball is copied into the site's
 * `vendor/` (and its path pushed to `files`), so a fresh clone installs it with nothing outside.
 */
export function feedmillSpecIn(root: string, dependency: FeedmillDependency, files: string[]): string {
  if (dependency.kind === 'registry') return dependency.range;
  const vendored = `vendor/${basename(dependency.tarball)}`;
  mkdirSync(join(root, 'vendor'), { recursive: true });
  copyFileSync(dependency.tarball, join(root, vendored));
  files.push(vendored);
  return `file:${vendored}`;
}

/** A package's name and version, from its package.json. */
export interface PackageIdentity {
  name: string;
  version: string;
}

/** Reads the name and version of the package at `root`. */
export function readPackageIdentity(root: string = PACKAGE_ROOT): PackageIdentity {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageIdentity;
  return { name, version };
}

/** Asks the registry npm is configured with whether name@version exists; `unknown` when it cannot tell. */
export function lookUpPublished(identity: PackageIdentity, npm: RunNpm): 'published' | 'missing' | 'unknown' {
  const result = npm(
    ['view', `${identity.name}@${identity.version}`, 'version', '--json'],
    PACKAGE_ROOT,
    60_000,
  );
  if (result.status === 0) {
    // An existing package without that version prints nothing at all.
    if (result.stdout.trim() === '') return 'missing';
    try {
      const shown = JSON.parse(result.stdout) as unknown;
      const versions = Array.isArray(shown) ? shown : [shown];
      return versions.includes(identity.version) ? 'published' : 'missing';
    } catch {
      return 'unknown';
    }
  }
  return /\bE404\b/.test(result.stdout + result.stderr) ? 'missing' : 'unknown';
}

/**
 * Packs the package at `root` into the empty folder `destination` with `npm pack` and returns
 * the tarball's absolute path. In a checkout npm runs `prepare`, building dist/; an installed
 * copy has its dist/ and nothing to build it with, so its scripts are skipped.
 */
export function packPackage(root: string, destination: string, npm: RunNpm): string {
  const checkout = existsSync(join(root, 'tsconfig.build.json'));
  const result = npm(
    ['pack', '--pack-destination', destination, '--silent', ...(checkout ? [] : ['--ignore-scripts'])],
    root,
  );
  const packed = existsSync(destination)
    ? readdirSync(destination).filter((name) => name.endsWith('.tgz'))
    : [];
  if (result.status !== 0 || packed.length !== 1)
    throw new FeedmillError(
      'INIT_FAILED',
      `npm pack in ${root} failed (exit ${result.status ?? 'none'}): ${lastLines(result.stderr || result.stdout)}`,
      { path: root },
    );
  // The bin and the Hexo plugin load dist/: a tarball without it installs but cannot run.
  if (!existsSync(join(root, 'dist', 'cli', 'bin.js')))
    throw new FeedmillError(
      'INIT_FAILED',
      `${root} has no dist/ after npm pack: build it first (npm run build in that folder)`,
      { path: root },
    );
  return join(destination, packed[0]!);
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-8).join('\n') || 'no output';
}
