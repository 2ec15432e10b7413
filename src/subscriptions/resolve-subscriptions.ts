import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config, FeedConfig, LoadedConfig } from '../config/index.ts';
import { type Diagnostic, FeedmillError } from '../errors.ts';
import { expandUrlEnv, urlEnvNames } from '../fetch/index.ts';
import type { FeedLocation, FullTextOptions, PostOptions, Subscription } from '../model.ts';
import { EMBED_HOSTS } from '../process/media/index.ts';
import { DEFAULT_POST_OPTIONS, IMAGE_KEY_PRESETS } from '../render/hexo/index.ts';
import {
  type Catalogue,
  fillPattern,
  findRoute,
  hasPlaceholders,
  instanceLabel,
  instanceUrl,
  type LabelOptions,
  type RsshubInstance,
  routeCategories,
  toInstances,
  withRouteQuery,
} from '../rsshub/index.ts';
import { resolveFilter } from './resolve-filter.ts';
import { resolveImagePolicy } from './resolve-image-policy.ts';

const RSSHUB_SCHEME = 'rsshub:';

/** What subscriptions are resolved against: the RSSHub catalogue, when one was loaded. */
export interface ResolveOptions {
  catalogue?: Catalogue;
  /** Receives problems that do not stop the run (a route missing from the catalogue). */
  onWarning?: (warning: Diagnostic & { feed: string }) => void;
  /** No catalogue could be loaded: RSSHub routes without `categories` wait for one. */
  catalogueUnavailable?: boolean;
}

/**
 * Turns the configured feeds into subscriptions with concrete places to fetch from; `${NAME}`
 * in a URL takes the variable's value from `loaded.urlEnv` in the locations only.
 */
export function resolveSubscriptions(
  loaded: Pick<LoadedConfig, 'config' | 'file' | 'urlEnv'>,
  options: ResolveOptions = {},
): Subscription[] {
  const baseDir = dirname(loaded.file);
  return loaded.config.feeds.map((feed) =>
    resolveSubscription(feed, loaded.config, baseDir, loaded.urlEnv, options),
  );
}

function resolveSubscription(
  feed: FeedConfig,
  config: Config,
  baseDir: string,
  urlEnv: ReadonlyMap<string, string>,
  options: ResolveOptions,
): Subscription {
  const categories = feed.categories ? [...feed.categories] : [];
  const name = feed.name ?? feed.url;
  let source = feed.url;
  let waiting: Subscription['waiting'];
  const fullText = resolveFullText(feed, config);
  if (feed.url.startsWith(RSSHUB_SCHEME)) {
    const route = resolveRoute(feed, config, options);
    // The feed's RSSHub query parameters go to whichever instance serves it; RSSHub full text
    // is its `mode=fulltext` parameter.
    const query = fullText?.kind === 'rsshub' ? { ...feed.rsshub, mode: 'fulltext' as const } : feed.rsshub;
    source = `${RSSHUB_SCHEME}${withRouteQuery(route.path, query)}`;
    if (route.pending) {
      waiting = {
        code: 'RSSHUB_CATALOGUE_UNAVAILABLE',
        message: `${feed.url} needs the RSSHub catalogue's example path until the catalogue can be loaded; write the values into the path to fetch it now`,
      };
    }
    // Explicit categories win; else the catalogue's; else (a route the catalogue does not list)
    // the run falls back to the feed title. Without any catalogue the feed waits (below).
    if (categories.length === 0) categories.push(...route.categories);
  }
  // The source keeps its `${NAME}`s (the feed's identity in the state and in output); only the
  // locations hold the values. A variable without one makes the feed wait, fetched by no one.
  const expanded = expandUrlEnv(source, urlEnv);
  if (expanded.kind === 'unset') {
    const names = expanded.names.join(', ');
    waiting = {
      code: 'URL_ENV_UNSET',
      message: `the url of ${name} needs the environment variable${expanded.names.length > 1 ? 's' : ''} ${names}, which ${
        expanded.names.length > 1 ? 'are' : 'is'
      } not set or empty; set ${expanded.names.length > 1 ? 'them' : 'it'} (a CI secret) to fetch this feed`,
    };
  }
  const subscription: Subscription = {
    name,
    source: feed.url,
    locations: resolveLocations(
      expanded.kind === 'expanded' ? expanded.text : source,
      config.rsshub.instances,
      baseDir,
    ),
    categories,
    limit: feed.limit,
    timezone: feed.timezone ?? config.timezone ?? 'UTC',
  };
  const named = urlEnvNames(source);
  if (named.length > 0 && expanded.kind === 'expanded')
    subscription.urlEnv = new Map(named.map((variable) => [variable, urlEnv.get(variable)!]));
  subscription.post = resolvePostOptions(feed, config);
  const filter = resolveFilter(feed, config);
  if (filter) subscription.filter = filter;
  if (fullText) subscription.fullText = fullText;
  const images = resolveImagePolicy(feed, config);
  if (images.mode !== 'hotlink') subscription.images = images;
  if (
    !waiting &&
    feed.url.startsWith(RSSHUB_SCHEME) &&
    categories.length === 0 &&
    options.catalogueUnavailable
  ) {
    // Filing it under a guess now would fix that guess into its posts' URLs for good.
    waiting = {
      code: 'CATEGORIES_UNRESOLVED',
      message: `categories of ${feed.url} are unknown until the RSSHub catalogue can be loaded; set categories: to write now`,
    };
  }
  if (waiting) subscription.waiting = waiting;
  const author = feed.author ?? categories[1];
  if (author !== undefined) subscription.author = author;
  return subscription;
}

/** The concrete route path to fetch and the categories the catalogue gives it. */
function resolveRoute(
  feed: FeedConfig,
  config: Config,
  options: ResolveOptions,
): { path: string; categories: string[]; pending?: true } {
  const written = feed.url.slice(RSSHUB_SCHEME.length).trim();
  if (!written.startsWith('/')) {
    throw new FeedmillError('CONFIG_INVALID', `RSSHub route must start with "/": ${feed.url}`, {
      feed: feed.url,
    });
  }
  const entry = options.catalogue ? findRoute(options.catalogue, written) : undefined;
  if (options.catalogue && !entry) {
    options.onWarning?.({
      code: 'rsshub-route-unknown',
      feed: feed.name ?? feed.url,
      message: `route ${written} is not in the RSSHub catalogue; its posts are filed under the feed's title`,
    });
  }
  let path = written;
  if (hasPlaceholders(written)) {
    // A pattern given without values is used through its example, as the old generator did.
    const filled = fillPattern(written, {});
    if (entry?.example) path = entry.example;
    else if (filled.kind === 'filled') path = filled.path;
    // Without any catalogue the example may come later: the feed waits instead of failing the run.
    else if (options.catalogueUnavailable) return { path: written, categories: [], pending: true };
    else {
      throw new FeedmillError(
        'CONFIG_INVALID',
        `RSSHub route ${written} needs ${filled.names.join(', ')} and the catalogue has no example for it; write the values into the path`,
        { feed: feed.url },
      );
    }
  }
  const labels: LabelOptions = { lang: config.rsshub.lang };
  if (config.rsshub.category_labels) labels.overrides = config.rsshub.category_labels;
  return { path, categories: entry ? routeCategories(entry, labels) : [] };
}

/** `rsshub:/route` → one URL per instance; http(s) → itself; anything else → a local file. */
export function resolveLocations(
  source: string,
  instances: readonly (string | RsshubInstance)[],
  baseDir: string,
): FeedLocation[] {
  if (source.startsWith(RSSHUB_SCHEME)) {
    const route = source.slice(RSSHUB_SCHEME.length).trim();
    if (!route.startsWith('/')) {
      throw new FeedmillError('CONFIG_INVALID', `RSSHub route must start with "/": ${source}`, {
        feed: source,
      });
    }
    return toInstances(instances).map((instance) => ({
      kind: 'http',
      url: instanceUrl(instance, route),
      instance: instanceLabel(instance),
    }));
  }
  if (/^https?:\/\//i.test(source)) return [{ kind: 'http', url: new URL(source).href }];
  if (/^file:/i.test(source)) return [{ kind: 'file', path: fileURLToPath(source) }];
  return [{ kind: 'file', path: isAbsolute(source) ? source : resolve(baseDir, source) }];
}

/** Whether resolving these feeds needs the catalogue: an RSSHub route without categories, or a pattern. */
export function needsCatalogue(config: Config): boolean {
  return config.feeds.some(
    (feed) =>
      feed.url.startsWith(RSSHUB_SCHEME) &&
      (!feed.categories?.length || hasPlaceholders(feed.url.slice(RSSHUB_SCHEME.length))),
  );
}

/**
 * A feed's `full_text:` over the top-level one. A top-level `rsshub` means RSSHub's full text
 * for routes and page extraction for every other feed.
 */
export function resolveFullText(feed: FeedConfig, config: Config): FullTextOptions | undefined {
  const value = feed.full_text ?? config.full_text;
  if (value === undefined || value === false) return undefined;
  if (value === 'rsshub')
    return feed.url.startsWith(RSSHUB_SCHEME) ? { kind: 'rsshub' } : { kind: 'page', remove: [] };
  if (value === true) return { kind: 'page', remove: [] };
  return {
    kind: 'page',
    ...(value.selector === undefined ? {} : { selector: value.selector }),
    remove: [...(value.remove ?? [])],
  };
}

// ── Post cleaning and rendering options ──

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
  // Media players embed videos from a few hosts, whose iframes the clean stage must then keep.
  if ((feed.media ?? config.media) === false) options.media = false;
  else options.iframeHosts = [...new Set([...options.iframeHosts, ...EMBED_HOSTS])];
  const defaultImage = feed.default_image ?? config.default_image;
  if (defaultImage !== undefined) options.defaultImage = defaultImage;
  return options;
}
