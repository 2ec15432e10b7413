/**
 * Front matter keys that themes read the post image from. Volantis (the seed's theme) is the
 * default; the other lists come from each theme's documented front matter.
 */
export const IMAGE_KEY_PRESETS: Readonly<Record<string, readonly string[]>> = {
  'feedmill-news': ['headimg'],
  volantis: ['headimg', 'thumbnail'],
  icarus: ['cover', 'thumbnail'],
  butterfly: ['cover', 'top_img'],
  fluid: ['index_img', 'banner_img'],
  redefine: ['thumbnail'],
  stellar: ['cover'],
  matery: ['img'],
  landscape: [],
  next: [],
};

/** The default preset: the seed's keys. */
export const DEFAULT_IMAGE_KEYS: readonly string[] = IMAGE_KEY_PRESETS.volantis!;

/** Keys feedmill writes itself, which a custom image key list must not reuse. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'title',
  'categories',
  'author',
  'comments',
  'date',
  'disableNunjucks',
  'feedmill',
  'link',
  'tags',
  'updated',
  'layout',
  'permalink',
  'published',
]);
