import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FeedmillError } from '../errors.ts';
import type { PlannedWrite } from './plan-writes.ts';

/** The effect of putting post files on disk: swapped for a fake in tests. */
export interface PostWriter {
  write(relativePath: string, content: string): void;
}

/** Writes posts under `postsRoot` atomically: temporary file in the same folder, fsync, rename. */
export function createPostWriter(postsRoot: string): PostWriter {
  return {
    write(relativePath, content) {
      const target = join(postsRoot, ...relativePath.split('/'));
      if (!target.startsWith(postsRoot))
        throw new FeedmillError('WRITE_FAILED', `refusing to write outside ${postsRoot}`, { path: target });
      const temporary = join(dirname(target), `.${randomBytes(6).toString('hex')}.feedmill-tmp`);
      try {
        mkdirSync(dirname(target), { recursive: true });
        const fd = openSync(temporary, 'w', 0o644);
        try {
          writeSync(fd, content);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, target);
      } catch (error) {
        rmSync(temporary, { force: true });
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
        throw new FeedmillError(
          'WRITE_FAILED',
          `cannot write ${target}: ${code} ${(error as Error).message}`,
          { path: target },
          { cause: error },
        );
      }
    },
  };
}

/** Writes the planned creates and updates; unchanged posts are not touched. */
export function applyWrites(writer: PostWriter, plan: readonly PlannedWrite[]): void {
  for (const write of plan) {
    if (write.kind !== 'unchanged') writer.write(write.relativePath, write.content);
  }
}
