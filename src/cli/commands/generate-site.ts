import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import type { Output } from '../output.ts';

/** The program that builds the site after a run. */
export interface Builder {
  command: string;
  args: string[];
  label: string;
}

/** How long a build may take by default: a 10,000-post Hexo site builds in minutes. */
export const DEFAULT_GENERATE_TIMEOUT_MINUTES = 60;
/** After a stop was asked for, how long the build has before it is killed. */
const KILL_AFTER_MS = 10_000;
/** The end of a failed build's stderr shown in the error (a chatty build cannot fill memory). */
const STDERR_KEPT = 64 * 1024;

/**
 * Runs the site's build in the site and reports how it went; never rejects, so that `watch`
 * goes on whatever the build does. A build that runs past `timeoutMs` (a theme or plugin that
 * hangs) is stopped (SIGTERM, then SIGKILL) instead of holding the watch for good: the posts
 * are written, and the next build starts from scratch.
 */
export function generateSite(
  builder: Builder,
  siteRoot: string,
  output: Output,
  options: { quiet: boolean; timeoutMs: number },
): Promise<void> {
  const { label } = builder;
  if (!options.quiet) output.out(`${label}…\n`);
  return new Promise((resolve) => {
    const child = spawn(builder.command, builder.args, {
      cwd: siteRoot,
      // As `npm run` and `npx` do: themes and plugins may call `hexo` (Volantis runs `hexo -v`).
      env: {
        ...process.env,
        PATH: `${join(siteRoot, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let overran = false;
    let kill: NodeJS.Timeout | undefined;
    const limit = setTimeout(() => {
      overran = true;
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    }, options.timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on('error', (error) => {
      clearTimeout(limit);
      output.err(`error: ${label} could not start in ${siteRoot}: ${error.message}\n`);
      resolve();
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      clearTimeout(kill);
      if (overran)
        output.err(
          `error: ${label} ran over ${Math.round(options.timeoutMs / 60_000)} min in ${siteRoot} and was stopped ` +
            '(--generate-timeout); the posts are written, the next build starts again\n',
        );
      else if (code !== 0)
        output.err(
          `error: ${label} failed in ${siteRoot} (${code === null ? `signal ${signal}` : `exit ${code}`}); the posts are written, run it by hand to see why:\n${stderr}`,
        );
      else if (!options.quiet) output.out(`${label} done\n`);
      resolve();
    });
  });
}
