import { type CleanOptions, cleanItem } from '../clean/index.ts';
import { type Diagnostic, FeedmillError, toFeedmillError } from '../errors.ts';
import { type Fetcher, fetchFirst } from '../fetch/index.ts';
import type { Subscription } from '../model.ts';
import { toItems } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';
import {
  categorySlugCollisions,
  postFileName,
  postFolder,
  renderPost,
  type SiteOptions,
} from '../render/hexo/index.ts';
import type { Store } from '../store/index.ts';
import { applyWrites, type PostWriter } from './apply-writes.ts';
import { hashContent, planWrites, type RenderedPost } from './plan-writes.ts';
import type { FeedReport, RunReport } from './run-report.ts';

/** The effects a run needs, passed in so tests can use fakes. */
export interface RunDependencies {
  fetcher: Fetcher;
  store: Store;
  writer: PostWriter;
  /** Whether a path relative to `source/_posts` already exists on disk (a post feedmill does not own). */
  exists: (relativePath: string) => boolean;
  now: () => Date;
}

/** What to run. */
export interface RunOptions {
  subscriptions: readonly Subscription[];
  site: SiteOptions;
  /** Feeds processed at once. */
  concurrency: number;
  /** Called as each feed finishes, for progress output. */
  onFeedDone?: (report: FeedReport) => void;
  // --- cli (issue 7): live progress needs to know which feeds are in flight.
  /** Called as each feed starts. */
  onFeedStart?: (subscription: Subscription) => void;
  // --- end cli
}

/** The whole flow, in order: fetch → parse → normalize → clean → render → plan → apply. */
export async function runSync(options: RunOptions, deps: RunDependencies): Promise<RunReport> {
  const started = Date.now();
  const takenLower = deps.store.postPathsLower();
  const reports: FeedReport[] = new Array(options.subscriptions.length);
  // Category names whose Hexo slugs collide (C++ and C#) are warnings of the feeds using them.
  const collisions = categorySlugCollisions(
    options.subscriptions.map((subscription) => subscription.categories),
  );
  let next = 0;
  const worker = async () => {
    while (next < options.subscriptions.length) {
      const index = next++;
      const subscription = options.subscriptions[index]!;
      options.onFeedStart?.(subscription);
      const report = await syncFeed(subscription, options.site, deps, takenLower);
      if (report.status === 'ok') report.diagnostics.push(...(collisions.get(index) ?? []));
      reports[index] = report;
      options.onFeedDone?.(report);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, options.subscriptions.length)) }, worker),
  );
  return { feeds: reports, elapsedMs: Date.now() - started };
}

async function syncFeed(
  subscription: Subscription,
  site: SiteOptions,
  deps: RunDependencies,
  takenLower: Set<string>,
): Promise<FeedReport> {
  const stored = deps.store.feed(subscription.source);
  try {
    const validators = {
      ...(stored.etag ? { etag: stored.etag } : {}),
      ...(stored.lastModified ? { lastModified: stored.lastModified } : {}),
    };
    const fetched = await fetchFirst(deps.fetcher, subscription.locations, validators);
    const served = fetched.location.kind === 'http' ? fetched.location.instance : undefined;
    const instance = served === undefined ? {} : { instance: served };
    if (fetched.kind === 'not-modified')
      return { name: subscription.name, status: 'not-modified', source: fetched.url, ...instance };
    const parsed = parseFeed(fetched.body, {
      url: fetched.url,
      timezone: subscription.timezone,
      ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
    });
    const diagnostics: Diagnostic[] = [...parsed.diagnostics];
    const now = deps.now();
    const categories =
      subscription.categories.length > 0 ? subscription.categories : [parsed.feed.title || subscription.name];
    const effective: Subscription = { ...subscription, categories };
    if (effective.author === undefined && categories[1] !== undefined) effective.author = categories[1];
    const items = toItems(parsed.feed, { now, limit: subscription.limit }, diagnostics);
    const known = deps.store.items(stored.id);
    const folder = postFolder(categories);
    const posts: RenderedPost[] = items.map((item) => {
      const previous = known.get(item.key);
      // An undated item keeps the date it was first seen, so re-runs render it identically.
      const firstSeen = previous?.firstSeen ?? now.toISOString();
      const dated = item.publishedKnown ? item : { ...item, published: new Date(firstSeen) };
      const clean = cleanItem(dated, cleanOptionsFor(subscription, parsed.feed.feed_url ?? fetched.url));
      return {
        key: item.key,
        folder,
        fileName: postFileName(item.title),
        uniqueFileName: postFileName(item.title, hashContent(item.key).slice(0, 8)),
        content: renderPost(clean, effective, site),
        firstSeen,
        published: dated.published.toISOString(),
      };
    });
    const taken = {
      has: (path: string) => takenLower.has(path.toLowerCase()) || deps.exists(path),
      add: (path: string) => void takenLower.add(path.toLowerCase()),
    };
    const plan = planWrites(posts, known, taken);
    applyWrites(deps.writer, plan);
    deps.store.recordSuccess(
      stored.id,
      plan.map((write) => write.record),
      'validators' in fetched ? fetched.validators : {},
    );
    const count = (kind: string) => plan.filter((write) => write.kind === kind).length;
    return {
      name: subscription.name,
      status: 'ok',
      created: count('create'),
      updated: count('update'),
      unchanged: count('unchanged'),
      source: fetched.url,
      ...instance,
      diagnostics,
    };
  } catch (error) {
    const failure = toFeedmillError(error, 'INTERNAL', { feed: subscription.name });
    if (!(error instanceof FeedmillError)) failure.stack = (error as Error).stack ?? failure.stack;
    deps.store.recordFailure(stored.id, failure.code, failure.message);
    return { name: subscription.name, status: 'failed', code: failure.code, message: failure.message };
  }
}

// ── Clean options from a subscription (issue 4) ──
function cleanOptionsFor(subscription: Subscription, feedUrl: string | undefined): CleanOptions {
  const post = subscription.post;
  return {
    ...(feedUrl && /^https?:/i.test(feedUrl) ? { feedUrl } : {}),
    ...(post
      ? {
          iframeHosts: post.iframeHosts,
          remove: post.remove,
          keepStyle: post.keepStyle,
          keepComments: post.keepComments,
        }
      : {}),
  };
}
