import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashContent, type PostWriter, removeTemporaryFiles } from '../pipeline/index.ts';
import type { AsyncStore, PendingChange } from '../store/index.ts';

/** Journalled writes of an interrupted writer: adopted (file complete) or dropped. */
export interface SettledJournal {
  adopted: number;
  dropped: number;
  /** Journalled deletions (retention) finished. */
  deleted: number;
}

/**
 * What an interrupted writer (publish or prune) left in the journal: a write whose file is
 * complete on disk (its hash matches) becomes a post row, any other is dropped (the output is
 * still waiting, so the next publish writes it); a journalled deletion is finished; temporary
 * files are deleted.
 */
export async function settleJournal(
  store: AsyncStore,
  postsRoot: string,
  writer: PostWriter,
): Promise<SettledJournal> {
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
  const deleted = drop.filter((change) => change.action === 'delete').length;
  return { adopted: adopt.length, dropped: drop.length - deleted, deleted };
}
