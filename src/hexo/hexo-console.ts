import { isAbsolute, join, resolve } from 'node:path';
import { executeRun, jobSummaryPathOf } from '../cli/commands/run-command.ts';
import { statusCommand } from '../cli/commands/status-command.ts';
import { type Output, processOutput } from '../cli/output.ts';
import { reportError } from '../cli/report-error.ts';

/** The part of a Hexo instance the console command uses. */
export interface HexoContext {
  base_dir: string;
  source_dir: string;
  config: { timezone?: unknown };
}

/** Hexo's parsed console arguments (minimist): positionals in `_`, then the flags. */
export interface HexoArgs {
  _: Array<string | number>;
  [flag: string]: unknown;
}

/** Help text for `hexo feedmill` with no or an unknown subcommand. */
export const HEXO_USAGE = `Usage: hexo feedmill <run|status> [options]

  hexo feedmill run      fetch the feeds in feedmill.yml into this site's source/_posts
  hexo feedmill status   show each feed's last success, last error, posts and next check

Uses this site's source folder and _config.yml timezone. Options as for feedmill run/status:
  --config PATH, --feed NAME, --dry-run, --retry, --json, --quiet, --verbose
In GitHub Actions (GITHUB_STEP_SUMMARY set) a run appends its table of feeds to the job summary.

Examples:
  hexo feedmill run && hexo generate
  hexo feedmill run --feed sina-finance --verbose
  hexo feedmill status --json
`;

/**
 * Runs `hexo feedmill <sub>` inside a Hexo process and returns the exit code, which the
 * CommonJS shim puts in process.exitCode (Hexo ends the process itself).
 */
export async function runHexoConsole(
  hexo: HexoContext,
  args: HexoArgs,
  output: Output = processOutput,
): Promise<number> {
  const [sub] = args._.map(String);
  const configArg = typeof args.config === 'string' ? args.config : 'feedmill.yml';
  const configPath = isAbsolute(configArg) ? configArg : resolve(hexo.base_dir, configArg);
  try {
    if (sub === 'run') {
      const feeds = ([] as unknown[]).concat(args.feed ?? []).map(String);
      const zone = hexo.config.timezone;
      const timezone = typeof zone === 'string' && zone.trim() ? zone.trim() : undefined;
      const jobSummaryPath = jobSummaryPathOf();
      const { code } = await executeRun(
        {
          configPath,
          feeds,
          dryRun: args['dry-run'] === true,
          retry: args.retry === true,
          ...(jobSummaryPath ? { jobSummaryPath } : {}),
          json: args.json === true,
          verbosity: args.quiet === true ? 'quiet' : args.verbose === true ? 'verbose' : 'normal',
          // Hexo's own idea of the site: its source_dir (which _config.yml may rename) and zone.
          postsRoot: join(hexo.source_dir, '_posts'),
          site: timezone ? { timezone } : {},
        },
        output,
      );
      return code;
    }
    if (sub === 'status')
      return await statusCommand(['--config', configPath, ...(args.json === true ? ['--json'] : [])], output);
    output.err(sub ? `error: unknown feedmill command "${sub}"\n\n${HEXO_USAGE}` : HEXO_USAGE);
    return 2;
  } catch (error) {
    return reportError(error, output);
  }
}
