import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { acquireSiteLock, createPostWriter, type PostWriter } from '../pipeline/index.ts';
import { type OutputTarget, selectOutputTarget } from '../render/index.ts';
import { type AsyncStore, openPostgresStore } from '../store/index.ts';
import { type SettledJournal, settleJournal } from './settle-journal.ts';
import { takeWriterLock } from './take-writer-lock.ts';

/** What the site's single writer works with, once it holds the locks and repaired the journal. */
export interface SiteWriter {
  connectionString: string;
  store: AsyncStore;
  writer: PostWriter;
  postsRoot: string;
  target: OutputTarget;
  /** What an interrupted writer left, settled before `work` starts. */
  repaired: SettledJournal;
}

/**
 * Runs `work` as the site's one writer on a PostgreSQL state: under the site's advisory lock
 * (one writer per site, whatever the machine; `command` names the holder) and its lock file,
 * after settling what an interrupted publish or prune left in the journal.
 */
export async function withSiteWriter<T>(
  loaded: LoadedConfig,
  command: 'publish' | 'prune',
  work: (site: SiteWriter) => Promise<T>,
): Promise<T> {
  if (loaded.state.kind !== 'postgres')
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${loaded.file}: feedmill ${command} needs a PostgreSQL state (state: postgres://… or state: { url_env: NAME })`,
      { path: loaded.file },
    );
  const connectionString = loaded.state.url;
  const target = selectOutputTarget(loaded.config.generator, loaded.siteRoot);
  const postsRoot = join(loaded.siteRoot, ...target.postsDir.split('/'));
  const writerLock = await takeWriterLock(connectionString, loaded.siteRoot, command);
  try {
    const siteLock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
    try {
      const store = await openPostgresStore({ connectionString });
      try {
        const writer = createPostWriter(postsRoot, { fsync: loaded.config.fsync });
        const repaired = await settleJournal(store, postsRoot, writer);
        return await work({ connectionString, store, writer, postsRoot, target, repaired });
      } finally {
        await store.close();
      }
    } finally {
      siteLock.release();
    }
  } finally {
    await writerLock.release();
  }
}
