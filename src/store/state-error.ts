import { FeedmillError } from '../errors.ts';

/** SQLite result codes that mean the file itself is damaged or is not a database. */
const DAMAGE_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

/** Whether an error (or its cause) says the database file is damaged rather than busy or full. */
export function isDamage(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DAMAGE_CODES.some((damage) => code.startsWith(damage))) return true;
    if (current instanceof FeedmillError && current.code !== 'STATE_FAILED') return false;
  }
  return false;
}

/**
 * Turns a database failure into STATE_FAILED naming the file: a damaged file says how to
 * recover (`feedmill state rebuild`), anything else (disk full, read-only, locked) says what failed.
 */
export function stateError(error: unknown, path: string, doing = 'update'): FeedmillError {
  if (error instanceof FeedmillError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (isDamage(error)) {
    return new FeedmillError(
      'STATE_FAILED',
      `the state database ${path} is damaged (${reason}); move it aside and run \`feedmill state rebuild\` ` +
        'to rebuild it from the posts',
      { path },
      { cause: error },
    );
  }
  return new FeedmillError(
    'STATE_FAILED',
    `cannot ${doing} the state database ${path}: ${reason}`,
    { path },
    {
      cause: error,
    },
  );
}

/** A damage report of SQLite's integrity check, shaped like the error SQLite raises itself. */
export function damageFound(detail: string): Error {
  return Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT', detail });
}
