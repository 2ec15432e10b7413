import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import {
  acquireSiteLock,
  createPostWriter,
  hashContent,
  type PlannedWrite,
  type PostWriter,
  planWrites,
  removeTemporaryFiles,
} from '../pipeline/index.ts';
import { selectOutputTarget } from '../render/index.ts';
import { type AsyncStore, foldPath, openPostgresStore, type PendingChange } from '../store/index.ts';
import { openRenderedStore, type RenderedFeed } from './rendered-store.ts';
import { takeWriterLock } from './take-writer-lock.ts';

/** What one `feedmill publish` did. */
export interface PublishReport {
  feeds: { url: string; created: number; updated: number; unchanged: number; error?: string }[];
  /** Journalled writes of an interrupted publish: adopted (file complete) or dropped. */
  repaired: { adopted: number; dropped: number };
}

// A new name is re-planned this many times when the state says another item holds it.
const REPLANS = 3;

/**
 * The site's single writer: under a PostgreSQL advisory lock (one writer per site, whatever the
 * machine) and the site lock, applies what workers rendered with the journalled protocol of
 * `feedmill run` (journal, atomic writes, one transaction recording rows and validators).
 */
export async function publishSite(loaded: LoadedConfig): Promise<PublishReport> {
  if (loaded.state.kind !== 'postgres')
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${loaded.file}: feedmill publish needs a PostgreSQL state (state: postgres://… or state: { url_env: NAME })`,
      { path: loaded.file },
    );
  const connectionString = loaded.state.url;
  const target = selectOutputTarget(loaded.config.generator, loaded.siteRoot);
  const postsRoot = join(loaded.siteRoot, ...target.postsDir.split('/'));
  const writerLock = await takeWriterLock(connectionString, loaded.siteRoot);
  try {
    const siteLock = acquireSiteLock(join(loaded.siteRoot, '.feedmill'));
    try {
      const store = await openPostgresStore({ connectionString });
      const rendered = await openRenderedStore(connectionString);
      try {
        const writer = createPostWriter(postsRoot, { fsync: loaded.config.fsync });
        const repaired = await settleJournal(store, postsRoot, writer);
        const taken = new Set((await store.allItems()).map((item) => foldPath(item.postPath)));
        const feeds: PublishReport['feeds'] = [];
        for (const feed of await rendered.renderedFeeds()) {
          try {
            const plan = await commitRendered(store, writer, feed, taken, postsRoot);
            await rendered.clearRendered(feed.feedId, feed.renderedAt);
            const count = (kind: string) => plan.filter((write) => write.kind === kind).length;
            feeds.push({
              url: feed.url,
              created: count('create'),
              updated: count('update'),
              unchanged: count('unchanged'),
            });
          } catch (error) {
            // A failure ends only its own feed: its output stays for the next publish.
            if (!(error instanceof FeedmillError) || error.code === 'STATE_FAILED') throw error;
            feeds.push({
              url: feed.url,
              created: 0,
              updated: 0,
              unchanged: 0,
              error: `${error.message} [${error.code}]`,
            });
          }
        }
        return { feeds, repaired };
      } finally {
        await rendered.close();
        await store.close();
      }
    } finally {
      siteLock.release();
    }
  } finally {
    await writerLock.release();
  }
}

/**
 * Plans one feed's rendered posts against the published ones and commits them: journal, write
 * each file atomically, flush, then rows + validators in one transaction. A name the state
 * refuses (PATH_TAKEN) is marked taken and the feed re-planned with the next free name.
 */
async function commitRendered(
  store: AsyncStore,
  writer: PostWriter,
  feed: RenderedFeed,
  taken: Set<string>,
  postsRoot: string,
): Promise<PlannedWrite[]> {
  const known = await store.items(feed.feedId);
  for (let attempt = 0; ; attempt++) {
    const onDisk = new Map<string, Set<string>>();
    const added = new Set<string>();
    const isOnDisk = (path: string) => {
      const slash = path.lastIndexOf('/');
      const folder = slash < 0 ? '' : path.slice(0, slash);
      let names = onDisk.get(folder);
      if (!names) {
        names = new Set(
          namesIn(join(postsRoot, ...folder.split('/'))).map((name) =>
            foldPath(folder ? `${folder}/${name}` : name),
          ),
        );
        onDisk.set(folder, names);
      }
      return names.has(foldPath(path));
    };
    const plan = planWrites(feed.posts, known, {
      has: (path) => taken.has(foldPath(path)) || added.has(foldPath(path)) || isOnDisk(path),
      add: (path) => void added.add(foldPath(path)),
    });
    const changes = plan.filter(
      (write): write is Extract<PlannedWrite, { content: string }> => write.kind !== 'unchanged',
    );
    if (changes.length > 0) {
      try {
        await store.beginWrites(
          feed.feedId,
          changes.map((write) => write.record),
        );
      } catch (error) {
        if (!(error instanceof FeedmillError) || error.code !== 'PATH_TAKEN' || attempt >= REPLANS)
          throw error;
        for (const write of changes)
          if (write.kind === 'create' && (await store.isPathTaken(write.relativePath)))
            taken.add(foldPath(write.relativePath));
        continue;
      }
      const outcomes = await Promise.allSettled(
        changes.map((write) => writer.write(write.relativePath, write.content)),
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      await writer.flush();
    }
    await store.recordSuccess(
      feed.feedId,
      plan.map((write) => write.record),
      feed.update,
    );
    for (const write of plan) taken.add(foldPath(write.relativePath));
    return plan;
  }
}

/**
 * What an interrupted publish left in the journal: a write whose file is complete on disk (its
 * hash matches) becomes a post row, any other is dropped (the output is still waiting, so the
 * next publish writes it); a journalled deletion is finished; temporary files are deleted.
 */
async function settleJournal(
  store: AsyncStore,
  postsRoot: string,
  writer: PostWriter,
): Promise<PublishReport['repaired']> {
  const pending = await store.pendingChanges();
  // A temporary file exists only while its feed's journal rows do (written first, cleared last).
  if (pending.length > 0) removeTemporaryFiles(postsRoot);
  const adopt: PendingChange[] = [];
  const drop: PendingChange[] = [];
  for (const change of pending) {
    const path = join(postsRoot, ...change.postPath.split('/'));
    if (change.action === 'delete') {
      await writer.remove(change.postPath);
      drop.push(change);
    } else if (existsSync(path) && hashContent(readFileSync(path, 'utf8')) === change.contentHash)
      adopt.push(change);
    else drop.push(change);
  }
  if (pending.length > 0) {
    await writer.flush();
    await store.settlePending(adopt, drop);
  }
  return { adopted: adopt.length, dropped: drop.filter((change) => change.action === 'write').length };
}

/** A folder's entries; none when it is missing (the write then makes it). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
