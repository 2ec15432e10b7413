// Runs a benchmarked node process with bench/run/max-rss.mjs preloaded, and reads back what that
// preload prints at exit: peak RSS (the kernel's high-water mark of the whole process, worker
// threads included) and CPU time, user and system.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/** What a measured process printed and cost. */
export interface MeasuredRun {
  stdout: string;
  stderr: string;
  wallMs: number;
  maxRssMiB: number;
  cpuMs: number;
  userMs: number;
  systemMs: number;
}

/**
 * `node [nodeArgs] --import max-rss.mjs script args…` from the repository's root. Rejects when
 * the process exits with another code than 0, with the end of its stderr. `watch` sees the
 * child as soon as it runs (to sample its memory, say).
 */
export function runMeasured(
  script: string,
  args: readonly string[],
  options: { nodeArgs?: readonly string[]; watch?: (child: ChildProcess) => void } = {},
): Promise<MeasuredRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', join(REPO, 'bench/run/max-rss.mjs'), script, ...args],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  options.watch?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolveRun, reject) => {
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${stderr.slice(-2000)}`));
      const figure = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(stderr)?.[1] ?? 0);
      resolveRun({
        stdout,
        stderr,
        wallMs,
        maxRssMiB: figure('max-rss-kib') / 1024,
        cpuMs: figure('cpu-us') / 1000,
        userMs: figure('user-us') / 1000,
        systemMs: figure('sys-us') / 1000,
      });
    });
  });
}
