import type { CleanItem, Item } from '../model.ts';
import { percentEncode } from '../percent-encode.ts';
import { absoluteUrls } from './absolute-urls.ts';
import { allowIframes } from './allow-iframes.ts';
import type { BodyMarkup } from './body-markup.ts';
import type { CleanContext, CleanPass } from './clean-pass.ts';
import { isTrackingPixel } from './image-policy.ts';
import { limitClasses } from './limit-classes.ts';
import { markImages } from './mark-images.ts';
import { namespaceIds } from './namespace-ids.ts';
import { parseHtml } from './parse-html.ts';
import { PLAIN_HTML } from './plain-html-markup.ts';
import { promoteLazyImages } from './promote-lazy-images.ts';
import { removeSelectors } from './remove-selectors.ts';
import { resolveUrl } from './resolve-url.ts';
import { runPasses } from './run-passes.ts';
import { DEFAULT_POLICY, type SanitizePolicy } from './sanitize-policy.ts';
import { attributesRead, sanitizeTree } from './sanitize-tree.ts';
import { serializeHtml } from './serialize-html.ts';

/** Options for {@link cleanItem}; every one has a safe default. */
export interface CleanOptions {
  /** Base for relative URLs when the item has no link (the feed's URL). */
  feedUrl?: string;
  /** The allowlist; {@link DEFAULT_POLICY} unless given. */
  policy?: SanitizePolicy;
  /** Hosts whose iframes are kept (a host also allows its subdomains); none by default. */
  iframeHosts?: readonly string[];
  /** CSS selectors of elements removed with their content (site furniture such as QR boxes). */
  remove?: readonly string[];
  /** Keep `<style>` elements with real braces; dropped by default. */
  keepStyle?: boolean;
  /** Keep HTML comments (made harmless); dropped by default. */
  keepComments?: boolean;
  /** How the body is written: {@link PLAIN_HTML} unless the output target gives its own form. */
  markup?: BodyMarkup;
}

/**
 * Sanitizes an item's HTML into safe HTML text (parsed once, cleaned by {@link CLEAN_PASSES},
 * serialized once, in the form `options.markup` writes) and picks the post image: the first
 * meaningful image of the body, else the feed's image for the item.
 */
export function cleanItem(item: Item, options: CleanOptions = {}): CleanItem {
  const bases = [item.url, options.feedUrl].filter((base): base is string => base !== undefined);
  const { html, images } = sanitizeHtml(item.html, { ...options, bases });
  const clean: CleanItem = { ...item, body: html, markup: (options.markup ?? PLAIN_HTML).name };
  // The feed's own image (media:thumbnail, enclosure, JSON Feed image) is feed text too.
  const feedImage = item.image === undefined ? undefined : resolveUrl(item.image, bases, WEB_SCHEMES);
  // The cover order (docs/media.md): the feed's image for the item unless it is a tracking
  // pixel, then the body's first meaningful image; default_image comes at render.
  const headImage = (feedImage && !isTrackingPixel(feedImage) ? feedImage : undefined) ?? images[0];
  if (headImage) clean.headImage = quoteSafeUrl(headImage);
  // The item's link can go into front matter too (`link`), where themes print it the same way.
  if (item.url) clean.url = quoteSafeUrl(item.url);
  return clean;
}

const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Themes print the post image and link raw into attributes (quoted either way), CSS `url()`
 * and scripts; percent-encode the characters a URL may still hold that could end any of them:
 * quotes, backtick, parentheses, space, angle brackets and backslash (a WHATWG URL keeps `"`,
 * `'` and backtick in a host, and `'` in an http path). RFC 3986 §2.1 makes the encoded form
 * the same URL wherever such a character is allowed at all.
 */
function quoteSafeUrl(url: string): string {
  return percentEncode(url, /["'`() <>\\]/g);
}

/**
 * The passes of the clean stage, in order: each is one job over the tree. Lazy images are
 * promoted before the allowlist removes their data attributes; iframes and images are judged
 * once their URLs are absolute.
 */
export const CLEAN_PASSES: readonly CleanPass[] = [
  removeSelectors,
  promoteLazyImages,
  sanitizeTree,
  absoluteUrls,
  allowIframes,
  markImages,
  limitClasses,
  namespaceIds,
];

/** Sanitizes one HTML fragment; `bases` resolve relative URLs in order. */
export function sanitizeHtml(
  html: string,
  options: CleanOptions & { bases?: readonly string[] } = {},
): { html: string; images: string[] } {
  const context: CleanContext = {
    policy: options.policy ?? DEFAULT_POLICY,
    bases: options.bases ?? [],
    iframeHosts: (options.iframeHosts ?? []).map((host) => host.toLowerCase()),
    remove: options.remove ?? [],
    keepStyle: options.keepStyle ?? false,
    keepComments: options.keepComments ?? false,
    images: [],
  };
  // Without selectors to match, the parser reads only the attributes the passes read.
  const root = parseHtml(
    html,
    context.remove.length === 0
      ? { wantedAttributes: attributesRead(context.policy, context.keepStyle) }
      : {},
  );
  runPasses(root, CLEAN_PASSES, context);
  return { html: serializeHtml(root.children, options.markup), images: context.images };
}
