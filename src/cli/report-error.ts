import { FeedmillError } from '../errors.ts';
import { isDamage } from '../store/index.ts';
import { maskMessage } from './mask-message.ts';
import type { Output } from './output.ts';

/**
 * Prints an error (what, where, what to do) and returns its exit code: 2 usage/config, else 1.
 * Passwords in URLs and access keys are masked in whatever it prints (CI logs are often public).
 */
export function reportError(error: unknown, output: Output): number {
  return reportUnmasked(error, { ...output, err: (text) => output.err(maskMessage(text)) });
}

function reportUnmasked(error: unknown, output: Output): number {
  if (error instanceof FeedmillError) {
    const where = error.context.feed ? `${error.context.feed}: ` : '';
    output.err(`error: ${where}${error.message} [${error.code}]\n`);
    return error.code === 'CONFIG_INVALID' || error.code === 'CONFIG_NOT_FOUND' || error.code === 'USAGE'
      ? 2
      : 1;
  }
  // A database error the store did not wrap (it names no file): still the state's, not a crash.
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const damaged = isDamage(error)
      ? '; move it aside and run `feedmill state rebuild` to rebuild it from the posts'
      : '';
    output.err(`error: the state database failed (${(error as Error).message})${damaged} [STATE_FAILED]\n`);
    return 1;
  }
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    output.err(`error: ${error.message} (see --help)\n`);
    return 2;
  }
  output.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
