import type { Config, FeedConfig } from '../config/index.ts';
import type { ImagePolicy } from '../model.ts';

/** Caps of `images: local` when the config sets none. */
export const DEFAULT_IMAGE_LIMITS = {
  /** Bytes of one image, after decompression. */
  maxBytes: 10 * 1024 * 1024,
  /** Distinct images downloaded for one item; the rest stay remote. */
  maxPerItem: 30,
  /** New downloads in one run, all feeds together; the rest wait for the next run. */
  maxPerRun: 500,
} as const;

type ImagesConfig = NonNullable<Config['images']> | NonNullable<FeedConfig['images']>;

function block(images: ImagesConfig | undefined): Exclude<ImagesConfig, string> {
  if (images === undefined) return {};
  return typeof images === 'string' ? { mode: images } : images;
}

/**
 * A feed's image policy: the feed's `images:` fields over the top-level ones (a block with a
 * `proxy` template and no mode is proxy mode); hotlink when neither says otherwise.
 */
export function resolveImagePolicy(feed: FeedConfig, config: Config): ImagePolicy {
  const top = block(config.images);
  const own = block(feed.images);
  const template = own.proxy ?? top.proxy;
  const mode =
    own.mode ??
    (own.proxy !== undefined ? 'proxy' : undefined) ??
    top.mode ??
    (top.proxy ? 'proxy' : 'hotlink');
  if (mode === 'proxy' && template !== undefined) return { mode, template };
  if (mode === 'local')
    return {
      mode,
      maxBytes: own.max_bytes ?? top.max_bytes ?? DEFAULT_IMAGE_LIMITS.maxBytes,
      maxPerItem: own.max_per_item ?? top.max_per_item ?? DEFAULT_IMAGE_LIMITS.maxPerItem,
    };
  return { mode: 'hotlink' };
}

/** The run-wide cap on new image downloads (`images.max_per_run` at the top level). */
export function imageDownloadsPerRun(config: Config): number {
  const images = config.images;
  return (typeof images === 'object' ? images.max_per_run : undefined) ?? DEFAULT_IMAGE_LIMITS.maxPerRun;
}
