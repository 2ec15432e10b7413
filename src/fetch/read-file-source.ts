import { readFile, stat } from 'node:fs/promises';
import { FeedmillError } from '../errors.ts';
import type { FetchOptions, FetchResult } from './fetch-result.ts';

/** Reads a feed from a local file, with the same size bound as HTTP. */
export async function readFileSource(path: string, options: FetchOptions): Promise<FetchResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new FeedmillError('FILE_NOT_FOUND', `not a file: ${path}`, { path });
    if (info.size > options.maxBytes) {
      throw new FeedmillError('FETCH_TOO_LARGE', `file is larger than ${options.maxBytes} bytes: ${path}`, {
        path,
      });
    }
    const read = await readFile(path);
    // A plain view of the Buffer's memory, not a copy (a 50 MB feed held twice otherwise).
    const body = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    return { kind: 'fetched', body, url: path, validators: {} };
  } catch (error) {
    if (error instanceof FeedmillError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new FeedmillError('FILE_NOT_FOUND', `feed file not found: ${path}`, { path });
    throw new FeedmillError('FETCH_FAILED', `cannot read ${path}: ${(error as Error).message}`, { path });
  }
}
