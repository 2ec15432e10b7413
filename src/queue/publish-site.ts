import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import {
  type AdoptionReport,
  adoptPostsAsync,
  applyPrune,
  claimAdoptedPostsAsync,
  createPostAdopter,
  isRetained,
  type PlannedWrite,
  type PostWriter,
  planStorePrune,
  planWrites,
  type RetentionPolicy,
  recordsToWrite,
  retentionOf,
  siteImageFolder,
} from '../pipeline/index.ts';
import { type AsyncStore, foldPath, openPostgresImages } from '../store/index.ts';
import { openRenderedStore, type RenderedFeed } from './rendered-store.ts';
import type { SettledJournal } from './settle-journal.ts';
import { collectPostgresImages, writeImageCopies } from './site-image-copies.ts';
import { withSiteWriter } from './with-site-writer.ts';

/** What one `feedmill publish` did. */
export interface PublishReport {
  feeds: { url: string; created: number; updated: number; unchanged: number; error?: string }[];
  /** Journalled changes of an interrupted publish or prune: adopted, dropped or finished. */
  repaired: SettledJournal;
  /** The posts on disk recorded because the state recorded none (the database was lost). */
  adopted?: AdoptionReport;
  /** What the site's config keeps its generator from building (see SiteConfig.warnings). */
  warnings: string[];
  /** Posts deleted by retention (`keep:`) after the feeds were applied. */
  pruned: number;
  /** Local image copies (`images: local`) moved from PostgreSQL into the site. */
  imagesWritten: number;
  /** Local image copies deleted because no post uses them any more. */
  imagesRemoved: number;
}

// A new name is re-planned this many times when the state says another item holds it.
const REPLANS = 3;

/**
 * The site's single writer: under a PostgreSQL advisory lock (one writer per site, whatever the
 * machine) and the site lock, applies what workers rendered with the journalled protocol of
 * `feedmill run` (journal, atomic writes, one transaction recording rows and validators), then
 * applies retention (`keep:`) as `run` does.
 */
export async function publishSite(
  loaded: LoadedConfig,
  options: { now?: () => Date } = {},
): Promise<PublishReport> {
  const now = options.now ?? (() => new Date());
  const retention = retentionOf(loaded.config);
  const policies = new Map(retention.map((entry) => [entry.source, entry.keep]));
  return withSiteWriter(
    loaded,
    'publish',
    async ({ connectionString, store, writer, postsRoot, target, repaired }) => {
      const rendered = await openRenderedStore(connectionString);
      const folder = siteImageFolder(loaded, target, { dryRun: false });
      const images = folder === undefined ? undefined : await openPostgresImages(connectionString);
      try {
        // The copies workers stored go into the site before any post that refers to them.
        const imagesWritten = images && folder ? await writeImageCopies(images, folder) : 0;
        // The site's config is read once, for the dates of adopted posts and for its warnings.
        const siteConfig = target.readSite(loaded.siteRoot);
        const timezone = siteConfig.options.timezone;
        // A state that records no post while the site has feedmill's posts lost them: all are
        // recorded first (as `run` does on SQLite), so that retention and status count the
        // posts whose items have left their feeds too, not only those rendered again.
        const adopted =
          (await store.countItems()) === 0
            ? await adoptPostsAsync(store, postsRoot, {
                sources: loaded.config.feeds.map((feed) => feed.url),
                timezone,
                removeTemporaryFiles: true,
              })
            : undefined;
        const taken = new Set((await store.allItems()).map((item) => foldPath(item.postPath)));
        const feeds: PublishReport['feeds'] = [];
        for (const feed of await rendered.renderedFeeds()) {
          try {
            const plan = await commitRendered(store, writer, feed, taken, postsRoot, timezone, {
              keep: policies.get(feed.url),
              now: now(),
            });
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
        // As `run`: the posts beyond each feed's bound go once the new ones are committed.
        const candidates = await planStorePrune(store, retention, now());
        await applyPrune({ store, writer }, candidates, now());
        const garbage = images && folder ? await collectPostgresImages(images, folder, postsRoot) : undefined;
        return {
          feeds,
          repaired,
          ...(adopted && adopted.adopted + adopted.duplicates > 0 ? { adopted } : {}),
          warnings: [...siteConfig.warnings],
          pruned: candidates.length,
          imagesWritten,
          imagesRemoved: garbage?.removed.length ?? 0,
        };
      } finally {
        await images?.close();
        await rendered.close();
      }
    },
  );
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
  timezone: string | undefined,
  retention: { keep: RetentionPolicy | undefined; now: Date },
): Promise<PlannedWrite[]> {
  const [known, pruned] = await Promise.all([
    // Rows adopted from disk under provisional keys take the keys of the items rendered now.
    claimAdoptedPostsAsync(
      store,
      feed.feedId,
      feed.url,
      feed.posts.map((post) => post.key),
    ),
    store.prunedKeys(feed.feedId),
  ]);
  // Read now, not when the worker rendered: an item pruned since then is not written back.
  const posts = feed.posts.filter((post) =>
    isRetained(post.key, new Date(post.published), { pruned, known }, retention.keep, retention.now),
  );
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
    // A rendered post whose file is on disk but not in the state (the database was lost or
    // replaced) is that file's when the file carries the item's identity: planned as known,
    // never written a second time under another name.
    const adopt = createPostAdopter(
      { isPathTaken: (path) => taken.has(foldPath(path)) },
      postsRoot,
      timezone,
    );
    const plan = planWrites(
      posts,
      known,
      {
        has: (path) => taken.has(foldPath(path)) || added.has(foldPath(path)) || isOnDisk(path),
        add: (path) => void added.add(foldPath(path)),
      },
      adopt,
    );
    const changes = plan.filter(
      (write): write is Extract<PlannedWrite, { content: Uint8Array }> => write.kind !== 'unchanged',
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
    await store.recordSuccess(feed.feedId, recordsToWrite(plan), feed.update);
    for (const write of plan) taken.add(foldPath(write.relativePath));
    return plan;
  }
}

/** A folder's entries; none when it is missing (the write then makes it). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
