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

/**
 * Host and path of an http(s) URL that `resolveUrl` already normalized (lower-case scheme and
 * host, `/` after the host), read without a second URL parse: this runs for every image.
 */
function hostAndPath(href: string): { host: string; path: string } | undefined {
  const start = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : -1;
  if (start < 0) return undefined;
  let end = href.indexOf('/', start);
  if (end < 0) end = href.length;
  let host = href.slice(start, end);
  host = host.slice(host.lastIndexOf('@') + 1);
  const port = host.lastIndexOf(':');
  if (port >= 0 && !host.endsWith(']')) host = host.slice(0, port);
  const query = href.slice(end).search(/[?#]/);
  return { host, path: query < 0 ? href.slice(end) : href.slice(end, end + query) };
}

/** True for 0×0/1×1 images and images from known tracker hosts. */
export function isTrackingPixel(src: string, width?: string, height?: string): boolean {
  if (isTiny(width) || isTiny(height)) return true;
  const url = hostAndPath(src);
  if (url === undefined) return false;
  const name = url.host;
  if (name.startsWith('pixel.') || name.startsWith('stats.') || name.startsWith('counter.')) return true;
  if (url.path.startsWith('/~r/') || url.path.startsWith('/~ff/')) return true;
  // The host or any parent domain of it is a tracker; or host + path starts a tracker path.
  for (let domain = name; ; ) {
    if (TRACKER_HOST_SET.has(domain)) return true;
    const dot = domain.indexOf('.');
    if (dot < 0) break;
    domain = domain.slice(dot + 1);
  }
  const target = name + url.path;
  return TRACKER_PATHS.some((tracker) => target.startsWith(tracker));
}

const TRACKER_HOST_SET: ReadonlySet<string> = new Set(TRACKER_HOSTS.filter((host) => !host.includes('/')));
const TRACKER_PATHS: readonly string[] = TRACKER_HOSTS.filter((host) => host.includes('/'));

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
  const url = hostAndPath(src);
  if (url === undefined) return false;
  if (url.host === 's.w.org' || url.host.endsWith('.s.w.org')) return false;
  if (DECORATIVE.test(url.path) || DECORATIVE.test(attributes.class ?? '')) return false;
  for (const size of [attributes.width, attributes.height]) {
    const value = size === undefined ? Number.NaN : Number.parseFloat(size);
    if (Number.isFinite(value) && value < SMALL_PIXELS) return false;
  }
  return true;
}
