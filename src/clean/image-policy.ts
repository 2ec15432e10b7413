/**
 * What an `<img>` is: a tracking pixel to drop, a lazy-loaded image whose real source sits in a
 * data attribute, or a meaningful picture that may become the post image.
 */

/** Hosts (and host prefixes) that serve tracking pixels in feed bodies. */
export const TRACKER_HOSTS: readonly string[] = [
  'feeds.feedburner.com',
  'feedproxy.google.com',
  'feeds.feedblitz.com',
  'feedblitz.com',
  'stats.wordpress.com',
  'pixel.wp.com',
  'doubleclick.net',
  'google-analytics.com',
  'www.google-analytics.com',
  'ssl.google-analytics.com',
  'feedsportal.com',
  'pi.feedsportal.com',
  'rss.feedsportal.com',
  'api.feedspot.com',
  'analytics.twitter.com',
  'www.facebook.com/tr',
  'mailchimp.com',
  'list-manage.com',
  'sb.scorecardresearch.com',
  'quantserve.com',
  'hm.baidu.com',
  'cnzz.com',
];

/** Attributes that lazy-loading scripts read the real image URL from, in order of preference. */
export const LAZY_SOURCE_ATTRIBUTES: readonly string[] = [
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-actualsrc',
  'data-lazyload',
];
/** The same for `srcset`. */
export const LAZY_SRCSET_ATTRIBUTES: readonly string[] = ['data-srcset', 'data-lazy-srcset'];

/** True when `src` is only a stand-in for a lazily loaded image (empty, inline data, a blank gif). */
export function isPlaceholderSource(src: string | undefined): boolean {
  if (src === undefined || src.trim() === '') return true;
  const lower = src.trim().toLowerCase();
  if (lower.startsWith('data:')) return true;
  return /(?:placeholder|blank|spacer|transparent|loading|lazy|grey|pixel)[\w-]*\.(?:gif|png|svg)(?:[?#]|$)/.test(
    lower,
  );
}

function host(url: URL): string {
  return url.hostname.toLowerCase();
}

/** True for 0×0/1×1 images and images from known tracker hosts. */
export function isTrackingPixel(src: string, width?: string, height?: string): boolean {
  if (isTiny(width) || isTiny(height)) return true;
  if (!URL.canParse(src)) return false;
  const url = new URL(src);
  const name = host(url);
  if (name.startsWith('pixel.') || name.startsWith('stats.') || name.startsWith('counter.')) return true;
  const target = name + url.pathname;
  if (url.pathname.startsWith('/~r/') || url.pathname.startsWith('/~ff/')) return true;
  return TRACKER_HOSTS.some(
    (tracker) => target === tracker || target.startsWith(`${tracker}/`) || name.endsWith(`.${tracker}`),
  );
}

function isTiny(size: string | undefined): boolean {
  if (size === undefined) return false;
  const value = Number.parseFloat(size);
  return Number.isFinite(value) && value <= 1;
}

// Class, URL and alt hints of decorative images that must not become the post image.
const DECORATIVE = /emoji|emoticon|smiley|smilie|icon|avatar|gravatar|logo|badge|spinner|button|favicon/i;
const SMALL_PIXELS = 64;

/** True when an image is worth showing as the post's picture (not an emoji, icon, avatar or tiny). */
export function isMeaningfulImage(
  src: string,
  attributes: { class?: string; alt?: string; width?: string; height?: string },
): boolean {
  if (!/^https?:/i.test(src)) return false;
  const url = new URL(src);
  if (host(url) === 's.w.org' || host(url).endsWith('.s.w.org')) return false;
  if (DECORATIVE.test(url.pathname) || DECORATIVE.test(attributes.class ?? '')) return false;
  for (const size of [attributes.width, attributes.height]) {
    const value = size === undefined ? Number.NaN : Number.parseFloat(size);
    if (Number.isFinite(value) && value < SMALL_PIXELS) return false;
  }
  return true;
}
