import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LoadedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { createFetcher, createPageFetcher, DEFAULT_PAGE_FETCH } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import {
  describeMovedFeed,
  fetchOptionsOf,
  imageUrlPath,
  moveEditedFeedsAsync,
  retentionOf,
} from '../pipeline/index.ts';
import { createImagesProcessor, type ImagesProcessorOptions, openProcessorScope } from '../process/index.ts';
import { selectOutputTarget } from '../render/index.ts';
import {
  describeCooldown,
  instanceHealthFetcher,
  instanceHealthOptionsOf,
  instanceSecrets,
  redactingFetcher,
  redactOutgoing,
  toInstances,
} from '../rsshub/index.ts';
import { openPostgresImages, openPostgresStore } from '../store/index.ts';
import {
  imageDownloadsPerRun,
  needsCatalogue,
  type ResolveOptions,
  resolveSubscriptions,
} from '../subscriptions/index.ts';
import { openHostSlots, withHostSlots, withPageHostSlots } from './host-slots.ts';
import { loadWorkerCatalogue } from './load-worker-catalogue.ts';
import { renderFeed } from './render-feed.ts';
import { renderJob } from './render-job.ts';
import { openRenderedStore } from './rendered-store.ts';
import { type FeedJob, type FeedQueueOptions, startFeedQueue } from './start-feed-queue.ts';
import { openWorkerInstanceHealth } from './worker-instance-health.ts';

/** How a worker process runs; the queue's timings are pg-boss's (see FeedQueueOptions). */
export interface WorkerOptions extends Omit<FeedQueueOptions, 'connectionString'> {
  userAgent: string;
  /** Jobs this process works on at once (default the config's http.concurrency). */
  concurrency?: number;
  /** Also queue due feeds (any one process, or several: a feed is never queued twice). */
  schedule?: boolean;
  /** How often the scheduler looks for feeds without a job (default 60). */
  scheduleEverySeconds?: number;
  /** How often this worker records that it is alive (default 30). */
  heartbeatSeconds?: number;
  /** One line per finished job or problem, for the log. */
  log?: (line: string) => void;
  now?: () => Date;
}

/** A running worker: `stop` lets the jobs in hand end their attempt and closes the connections. */
export interface RunningWorker {
  id: string;
  /** Queues every configured feed that has no job, due at its next check; returns how many. */
  scheduleDue(): Promise<number>;
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MINUTES = 30;
/** How soon a worker asks again for a catalogue after a load gave none or only a stale one. */
const CATALOGUE_RETRY_MS = 5 * 60_000;

/**
 * Starts a worker on the PostgreSQL state: takes due feed jobs from pg-boss (one job per feed at
 * a time, retried with backoff when a worker dies), renders each with the same stages as
 * `feedmill run`, and stores the posts and new validators for the site's writer. The feed's
 * next job is queued with its next check as start time.
 */
export async function startWorker(loaded: LoadedConfig, options: WorkerOptions): Promise<RunningWorker> {
  if (loaded.state.kind !== 'postgres')
    throw new FeedmillError(
      'CONFIG_INVALID',
      `${loaded.file}: feedmill worker needs a PostgreSQL state (state: postgres://… or state: { url_env: NAME })`,
      { path: loaded.file },
    );
  const connectionString = loaded.state.url;
  const now = options.now ?? (() => new Date());
  // Keys of RSSHub instances are masked in every error, log line and state row, as in `run`.
  const secrets = instanceSecrets(toInstances(loaded.config.rsshub.instances));
  const printLog = options.log ?? (() => {});
  const log = (line: string) => printLog(redactOutgoing(line, secrets, loaded.urlEnv));
  const store = await openPostgresStore({ connectionString });
  const rendered = await openRenderedStore(connectionString);
  const queue = await startFeedQueue({ ...options, connectionString });
  const target = selectOutputTarget(loaded.config.generator, loaded.siteRoot);
  const site = target.readSite(loaded.siteRoot).options;
  const fetchOptions = fetchOptionsOf(loaded.config, options.userAgent);
  const retention = new Map(retentionOf(loaded.config).map((entry) => [entry.source, entry.keep]));
  // http.per_host holds across all workers: each fetch takes one of the host's slots in PostgreSQL.
  const slots = openHostSlots({ connectionString, perHost: fetchOptions.perHost });
  const plainFetcher = redactingFetcher(createFetcher(fetchOptions), secrets, loaded.urlEnv);
  // RSSHub instances cool down as in `run`: a worker skips one that failed cooldown_after times
  // in a row (without taking a host slot for it), and records its count in PostgreSQL.
  const health = await openWorkerInstanceHealth(store, (error) =>
    log(`RSSHub instance health not saved or read: ${(error as Error).message}`),
  );
  const fetcher = instanceHealthFetcher(
    withHostSlots(plainFetcher, slots),
    instanceHealthOptionsOf(loaded.config.rsshub, {
      store: health,
      now,
      onCooldown: (instance) => log(`warning: ${describeCooldown(instance)}`),
    }),
  );
  // Article pages (full text) take the hosts' slots too, on a session of their own, and wait
  // longer for one than a feed does: a feed's items mostly link to one site, and a page that
  // finds its host busy leaves its post without the article until the feed's next check.
  const pageSlots = openHostSlots({
    connectionString,
    perHost: fetchOptions.perHost,
    waitMs: fetchOptions.timeoutMs,
  });
  const fetchPage = withPageHostSlots(
    createPageFetcher({ ...fetchOptions, ...DEFAULT_PAGE_FETCH }),
    pageSlots,
  );
  const scope = openProcessorScope(undefined);
  // `images: local`: workers have no site, so the copies go to PostgreSQL for the site's writer
  // (publish) to put in the site; each job has its own images processor, so max_per_run
  // counts one feed's downloads.
  const images = target.images === undefined ? undefined : await openPostgresImages(connectionString);
  const imageOptions: ImagesProcessorOptions | undefined =
    images && target.images
      ? {
          records: images.ledger,
          folder: images.copies,
          urlPath: imageUrlPath(target.images, site),
          maxDownloadsPerRun: imageDownloadsPerRun(loaded.config),
        }
      : undefined;
  const intervalOf = (index: number) =>
    loaded.config.feeds[index]?.interval_minutes ??
    loaded.config.interval_minutes ??
    DEFAULT_INTERVAL_MINUTES;
  const worker = {
    id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    host: hostname(),
    pid: process.pid,
  };
  const startedAt = now();
  let jobsDone = 0;

  // RSSHub routes without categories take them from the catalogue, loaded as `feedmill run`
  // loads it and reloaded once older than rsshub.catalogue_ttl_hours (retried at most every
  // few minutes while no source gives a fresh one).
  const withCatalogue = needsCatalogue(loaded.config);
  const ttlMs = loaded.config.rsshub.catalogue_ttl_hours * 3_600_000;
  let catalogueLoadedAt = Number.NEGATIVE_INFINITY;
  let catalogueTriedAt = Number.NEGATIVE_INFINITY;
  let resolving: Promise<void> | undefined;
  let subscriptions: Subscription[] = [];
  let bySource = new Map<string, { subscription: Subscription; index: number }>();
  const resolveFeeds = async () => {
    let options: ResolveOptions = {};
    if (withCatalogue) {
      catalogueTriedAt = now().getTime();
      const load = await loadWorkerCatalogue(loaded, { store, fetcher: plainFetcher, now });
      for (const diagnostic of load.diagnostics) log(`warning: ${diagnostic.message}`);
      if (load.catalogue) catalogueLoadedAt = Date.parse(load.catalogue.loadedAt);
      else log('warning: no RSSHub route catalogue: RSSHub feeds without categories wait for one');
      options = {
        ...(load.catalogue ? { catalogue: load.catalogue } : { catalogueUnavailable: true }),
        onWarning: (warning) => log(`warning: ${warning.feed ? `${warning.feed}: ` : ''}${warning.message}`),
      };
    }
    subscriptions = resolveSubscriptions(loaded, options);
    bySource = new Map(
      subscriptions.map((subscription, index) => [subscription.source, { subscription, index }]),
    );
  };
  const refreshFeeds = () => {
    const at = now().getTime();
    if (!withCatalogue || at - catalogueLoadedAt < ttlMs || at - catalogueTriedAt < CATALOGUE_RETRY_MS)
      return resolving;
    resolving ??= resolveFeeds()
      .catch((error: unknown) => log(`catalogue reload failed: ${(error as Error).message}`))
      .finally(() => {
        resolving = undefined;
      });
    return resolving;
  };
  await resolveFeeds();
  // Named feeds whose url was edited in the config keep their rows and posts (the config is read
  // once per worker, so this is where config feeds meet rows); before any job of the new url.
  for (const moved of await moveEditedFeedsAsync(store, loaded.config.feeds))
    log(`moved ${describeMovedFeed(moved, false)}`);

  const work = async (job: FeedJob) => {
    await refreshFeeds();
    const entry = bySource.get(job.url);
    // A feed removed from the config since it was queued: nothing to do.
    if (!entry) return;
    const next = await renderJob(entry.subscription, intervalOf(entry.index), {
      store,
      rendered,
      render: (input) =>
        renderFeed({
          ...input,
          keep: retention.get(input.subscription.source),
          target,
          site,
          fetcher,
          fetchPage,
          scope: imageOptions ? { ...scope, images: createImagesProcessor(imageOptions) } : scope,
        }),
      now: now(),
    });
    jobsDone++;
    log(`${entry.subscription.name}: ${next.summary}`);
    if (next.at) {
      await store.recordNextChecks(new Map([[job.url, next.at]]));
      await queue.schedule({ url: job.url }, next.at);
    }
  };
  for (let slot = 0; slot < Math.max(1, options.concurrency ?? fetchOptions.concurrency); slot++)
    await queue.work(work);

  // Each heartbeat also reads the instances' health again: other workers' cool-downs.
  const beat = () =>
    Promise.all([
      rendered.heartbeat({ ...worker, startedAt, jobsDone }, now()).catch((error: unknown) => {
        log(`heartbeat failed: ${(error as Error).message}`);
      }),
      health.refresh(),
    ]);
  await beat();
  const heartbeat = setInterval(beat, (options.heartbeatSeconds ?? 30) * 1000);
  heartbeat.unref();

  const scheduleDue = async () => {
    const statuses = new Map((await store.feedStatuses()).map((status) => [status.url, status]));
    let queued = 0;
    for (const subscription of subscriptions) {
      const status = statuses.get(subscription.source);
      if (status?.gone) continue;
      const at = status?.nextCheck ? new Date(status.nextCheck) : undefined;
      const startAfter = at && at.getTime() > now().getTime() ? at : undefined;
      if ((await queue.schedule({ url: subscription.source }, startAfter)) !== undefined) queued++;
    }
    return queued;
  };
  let scheduler: NodeJS.Timeout | undefined;
  if (options.schedule) {
    const tick = () =>
      scheduleDue().then(
        (queued) => queued > 0 && log(`scheduler: queued ${queued} feed(s)`),
        (error: unknown) => log(`scheduler failed: ${(error as Error).message}`),
      );
    await tick();
    scheduler = setInterval(tick, (options.scheduleEverySeconds ?? 60) * 1000);
    scheduler.unref();
  }

  return {
    id: worker.id,
    scheduleDue,
    async stop() {
      clearInterval(heartbeat);
      if (scheduler) clearInterval(scheduler);
      await queue.stop();
      await beat();
      await scope.close();
      fetcher.close?.();
      await health.settled();
      await slots.close();
      fetchPage.close();
      await pageSlots.close();
      await images?.close();
      await rendered.close();
      await store.close();
    },
  };
}
