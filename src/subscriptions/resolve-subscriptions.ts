import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, FeedConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import type { FeedLocation, PostOptions, Subscription } from '../model.ts';
import { DEFAULT_POST_OPTIONS, IMAGE_KEY_PRESETS } from '../render/hexo/index.ts';

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
  subscription.post = resolvePostOptions(feed, config);
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

// ── Post cleaning and rendering options (issue 4) ──

/** A feed's post options: its own values over the top-level ones over the defaults; `remove` rules add up. */
export function resolvePostOptions(feed: FeedConfig, config: Config): PostOptions {
  const imageKeys = feed.image_keys ?? config.image_keys;
  const options: PostOptions = {
    iframeHosts: [
      ...new Set([...(config.sanitize?.iframe_hosts ?? []), ...(feed.sanitize?.iframe_hosts ?? [])]),
    ],
    remove: [...(config.remove ?? []), ...(feed.remove ?? [])],
    keepStyle: feed.keep_style ?? config.keep_style ?? DEFAULT_POST_OPTIONS.keepStyle,
    keepComments: feed.keep_comments ?? config.keep_comments ?? DEFAULT_POST_OPTIONS.keepComments,
    imageKeys:
      imageKeys === undefined
        ? [...DEFAULT_POST_OPTIONS.imageKeys]
        : typeof imageKeys === 'string'
          ? [...(IMAGE_KEY_PRESETS[imageKeys] ?? [])]
          : [...imageKeys],
    optionalKeys: [...(feed.optional_keys ?? config.optional_keys ?? DEFAULT_POST_OPTIONS.optionalKeys)],
    body: feed.body ?? config.body ?? DEFAULT_POST_OPTIONS.body,
  };
  const defaultImage = feed.default_image ?? config.default_image;
  if (defaultImage !== undefined) options.defaultImage = defaultImage;
  return options;
}
