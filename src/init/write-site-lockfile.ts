import type { RunNpm } from './run-npm.ts';

/** What writing the lock file did: `ok`, or why not (npm's last lines). */
export type LockfileOutcome = { kind: 'written' } | { kind: 'failed'; reason: string };

/**
 * Writes the site's package-lock.json without installing anything (`npm ci` in CI needs it):
 * resolves every dependency through the registry npm is configured with, or its cache.
 */
export function writeSiteLockfile(siteRoot: string, npm: RunNpm): LockfileOutcome {
  const result = npm(
    ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    siteRoot,
  );
  if (result.status === 0) return { kind: 'written' };
  const reason = (result.stderr || result.stdout).trim().split('\n').slice(-6).join('\n');
  return { kind: 'failed', reason: reason || `npm exited with ${result.status ?? 'no code'}` };
}
