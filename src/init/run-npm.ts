import { spawnSync } from 'node:child_process';

/** What one npm command did. */
export interface NpmResult {
  /** The exit code; null when npm could not be started or was killed (timeout). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs npm with arguments in a folder; tests pass a fake. */
export type RunNpm = (args: readonly string[], cwd: string, timeoutMs?: number) => NpmResult;

/** Runs the npm found on PATH, waiting for it to finish (the caller's environment is passed on). */
export const runNpm: RunNpm = (args, cwd, timeoutMs = 10 * 60_000) => {
  // Windows ships npm as npm.cmd, which only a shell can start.
  const windows = process.platform === 'win32';
  const result = spawnSync(windows ? 'npm.cmd' : 'npm', [...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    shell: windows,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? (result.error ? String(result.error.message) : ''),
  };
};
