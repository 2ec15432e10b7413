import type { LoadedConfig } from '../../config/index.ts';
import { readQueueStatus } from '../../queue/index.ts';
import { type FeedStatus, openPostgresStore } from '../../store/index.ts';
import { resolveSubscriptions } from '../../subscriptions/index.ts';
import { formatTable } from '../format-table.ts';
import type { Output } from '../output.ts';
import { feedState, feedStateText } from './feed-state.ts';
import { formatInstanceStatus, instanceStatusRows } from './status-instances.ts';
import { maskedFeedFields } from './status-masking.ts';
import { formatSiteSize, siteSizeOf } from './status-site-size.ts';

// A worker silent for longer than this (three heartbeats) is shown as gone.
const SILENT_MS = 90_000;

/**
 * `feedmill status` on a PostgreSQL state: each feed's state as the workers recorded it, the
 * RSSHub instances failing or cooling down, the site's size, the queue (due, scheduled, active,
 * failed, active per host), the writer's backlog and each worker's last heartbeat.
 */
export async function statusOnPostgres(
  loaded: LoadedConfig & { state: { kind: 'postgres' } },
  json: boolean,
  output: Output,
  now: Date = new Date(),
): Promise<number> {
  const store = await openPostgresStore({ connectionString: loaded.state.url });
  let stored: Awaited<ReturnType<typeof store.feedStatuses>>;
  let health: Awaited<ReturnType<typeof store.instanceHealth>>;
  try {
    [stored, health] = await Promise.all([store.feedStatuses(), store.instanceHealth()]);
  } finally {
    await store.close();
  }
  const instances = instanceStatusRows(loaded, health, now);
  // Every feed the state knows, removed ones included: their posts are still built.
  const site = siteSizeOf(loaded, stored);
  const byUrl = new Map(stored.map((status) => [status.url, status]));
  const feeds = resolveSubscriptions(loaded).map((subscription) => {
    const status = byUrl.get(subscription.source);
    const known: Omit<FeedStatus, 'url'> = status ?? { consecutiveFailures: 0, posts: 0 };
    return {
      name: subscription.name,
      ...known,
      ...maskedFeedFields(subscription.source, known.lastErrorMessage),
      state: feedState(status),
    };
  });
  const queue = await readQueueStatus(loaded.state.url);
  const workers = queue.workers.map((worker) => ({
    ...worker,
    alive: now.getTime() - worker.lastHeartbeat.getTime() <= SILENT_MS,
  }));
  if (json) {
    output.out(`${JSON.stringify({ feeds, instances, site, queue: { ...queue, workers } }, null, 2)}\n`);
    return 0;
  }
  output.out(
    formatTable(
      ['FEED', 'STATE', 'LAST SUCCESS', 'LAST ERROR', 'POSTS', 'NEXT CHECK'],
      feeds.map((feed) => [
        feed.name,
        feedStateText(feed.state),
        feed.lastSuccess ?? (feed.state === 'never-run' ? 'never run' : 'never'),
        feed.lastErrorCode ? `${feed.lastErrorCode}: ${feed.lastErrorMessage ?? ''}` : '-',
        String(feed.posts),
        feed.gone ? 'never (gone: change its url)' : (feed.nextCheck ?? '-'),
      ]),
    ),
  );
  output.out(formatInstanceStatus(instances));
  output.out(formatSiteSize(site));
  output.out(
    `\nqueue: ${queue.due} due, ${queue.scheduled} scheduled, ${queue.active} active, ${queue.failed} failed; ` +
      `waiting for publish: ${queue.unpublished.feeds} feed(s), ${queue.unpublished.posts} post(s)\n`,
  );
  if (queue.activeByHost.length > 0)
    output.out(
      `active per host (fetching now): ${queue.activeByHost.map((entry) => `${entry.host} ${entry.active} (${entry.fetching})`).join(', ')}\n`,
    );
  output.out(
    workers.length === 0
      ? 'workers: none has run\n'
      : `\n${formatTable(
          ['WORKER', 'LAST HEARTBEAT', 'JOBS DONE', 'STARTED'],
          workers.map((worker) => [
            `${worker.id}${worker.alive ? '' : ' (SILENT)'}`,
            worker.lastHeartbeat.toISOString(),
            String(worker.jobsDone),
            worker.startedAt.toISOString(),
          ]),
        )}`,
  );
  return 0;
}
