import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, FeedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import type { FeedLocation, Subscription } from '../model.ts';

const RSSHUB_SCHEME = 'rsshub:';

/** Turns the configured feeds into subscriptions with concrete places to fetch from. */
export function resolveSubscriptions(config: Config, configFile: string): Subscription[] {
  return config.feeds.map((feed) => resolveSubscription(feed, config, dirname(configFile)));
}

function resolveSubscription(feed: FeedConfig, config: Config, baseDir: string): Subscription {
  const categories = feed.categories ? [...feed.categories] : [];
  const subscription: Subscription = {
    name: feed.name ?? feed.url,
    source: feed.url,
    locations: resolveLocations(feed.url, config.rsshub.instances, baseDir),
    categories,
    limit: feed.limit,
    timezone: feed.timezone ?? config.timezone ?? 'UTC',
  };
  const author = feed.author ?? categories[1];
  if (author !== undefined) subscription.author = author;
  return subscription;
}

/** `rsshub:/route` → one URL per instance; http(s) → itself; anything else → a local file. */
export function resolveLocations(
  source: string,
  instances: readonly string[],
  baseDir: string,
): FeedLocation[] {
  if (source.startsWith(RSSHUB_SCHEME)) {
    const route = source.slice(RSSHUB_SCHEME.length);
    if (!route.startsWith('/')) {
      throw new FeedmillError('CONFIG_INVALID', `RSSHub route must start with "/": ${source}`, {
        feed: source,
      });
    }
    return instances.map((instance) => ({ kind: 'http', url: joinRoute(instance, route) }));
  }
  if (/^https?:\/\//i.test(source)) return [{ kind: 'http', url: new URL(source).href }];
  if (/^file:/i.test(source)) return [{ kind: 'file', path: fileURLToPath(source) }];
  return [{ kind: 'file', path: isAbsolute(source) ? source : resolve(baseDir, source) }];
}

function joinRoute(instance: string, route: string): string {
  const base = new URL(instance);
  const path = base.pathname.replace(/\/+$/, '') + route;
  const [pathname = '', query] = path.split('?', 2);
  base.pathname = pathname;
  if (query !== undefined) base.search = query;
  return base.href;
}
