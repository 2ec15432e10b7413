import type { LoadedConfig } from '../config/index.ts';
import {
  applyPrune,
  type PruneCandidate,
  planStorePrune,
  retentionOf,
  siteImageFolder,
} from '../pipeline/index.ts';
import { openPostgresImages } from '../store/index.ts';
import { collectPostgresImages } from './site-image-copies.ts';
import { withSiteWriter } from './with-site-writer.ts';

/**
 * `feedmill prune` on a PostgreSQL state: as the site's one writer (never beside a publish),
 * settles an interrupted writer's journal, then lists (dryRun) or deletes what retention lets go,
 * with the journalled protocol of `run`; pruned keys are never rendered or published again.
 * Local image copies no post uses any more go with them.
 */
export async function prunePostgresSite(
  loaded: LoadedConfig,
  options: { dryRun: boolean; now?: () => Date },
): Promise<PruneCandidate[]> {
  const now = options.now ?? (() => new Date());
  return withSiteWriter(loaded, 'prune', async ({ connectionString, store, writer, postsRoot, target }) => {
    const candidates = await planStorePrune(store, retentionOf(loaded.config), now());
    if (options.dryRun) return candidates;
    await applyPrune({ store, writer }, candidates, now());
    const folder = siteImageFolder(loaded, target, { dryRun: false });
    if (folder === undefined) return candidates;
    const images = await openPostgresImages(connectionString);
    try {
      await collectPostgresImages(images, folder, postsRoot);
    } finally {
      await images.close();
    }
    return candidates;
  });
}
