import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FeedmillError } from '../errors.ts';

/** The config file's absolute path and text; a missing or unreadable file is CONFIG_NOT_FOUND. */
export function readConfigFile(file: string): { absolute: string; text: string } {
  const absolute = resolve(file);
  try {
    return { absolute, text: readFileSync(absolute, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedmillError(
      'CONFIG_NOT_FOUND',
      code === 'ENOENT'
        ? `config file not found: ${absolute} (create one, or pass --config PATH)`
        : `cannot read config file ${absolute}: ${(error as Error).message}`,
      { path: absolute },
    );
  }
}
