import type { LoadedConfig } from '../config/index.ts';
import { applyPrune, type PruneCandidate, planStorePrune, retentionOf } from '../pipeline/index.ts';
import { withSiteWriter } from './with-site-writer.ts';

/**
 * `feedmill prune` on a PostgreSQL state: as the site's one writer (never beside a publish),
 * settles an interrupted writer's journal, then lists (dryRun) or deletes what retention lets go,
 * with the journalled protocol of `run`; pruned keys are never rendered or published again.
 */
export async function prunePostgresSite(
  loaded: LoadedConfig,
  options: { dryRun: boolean; now?: () => Date },
): Promise<PruneCandidate[]> {
  const now = options.now ?? (() => new Date());
  return withSiteWriter(loaded, 'prune', async ({ store, writer }) => {
    const candidates = await planStorePrune(store, retentionOf(loaded.config), now());
    if (!options.dryRun) await applyPrune({ store, writer }, candidates, now());
    return candidates;
  });
}
