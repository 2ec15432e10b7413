/**
 * URL resolution for feed metadata (links, enclosures, media, xhtml content): one base chosen by the
 * reader (the xml:base in scope, the home page or the feed URL), any scheme but script and data ones,
 * IRIs made valid URLs. Post bodies
 * use clean/resolve-url.ts instead on purpose: it checks an allowlist of schemes per attribute,
 * tries the item link then the feed URL, keeps `#fragment` links and admits image data URLs.
 */

// An absolute http(s) URL that the WHATWG URL parser would give back unchanged: lower-case scheme
// and host of ASCII letter-digit-hyphen labels (the last starting with a letter, so never an IPv4
// address; no `xn--`, which IDNA checks), no port, a path, and only characters that no
// percent-encode set of path, query or fragment touches (no `'`, which special-scheme queries
// encode; `%` only before two hex digits). Dot segments (`.`, `..`, `%2e`) are excluded apart.
const CANONICAL_WEB =
  /^https?:\/\/(?!xn--)[a-z0-9-]+(?:\.(?!xn--)[a-z0-9-]+)*\.(?!xn--)[a-z][a-z0-9-]*\/(?:[A-Za-z0-9\-._~!$&()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?#]|$)|%2e(?:%2e|\.)?(?:[/?#]|$)/i;

const ABSOLUTE_WEB = /^https?:\/\/[^\s]/i;
// Schemes that must never come out as a link (script injection through a feed).
const UNSAFE_PROTOCOLS: ReadonlySet<string> = new Set(['javascript:', 'vbscript:', 'data:']);

/**
 * Resolves a possibly relative URL against `base` (RFC 3986 §5); returns undefined for empty,
 * unusable or script URLs. Protocol-relative URLs without a base default to https.
 */
export function resolveFeedUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // Fastest path: a URL already in the form WHATWG URL serializes it to is its own href.
  if (CANONICAL_WEB.test(trimmed) && !DOT_SEGMENT.test(trimmed)) return trimmed;
  // Fast path: most feed URLs are already absolute http(s) (one parse instead of two).
  if (ABSOLUTE_WEB.test(trimmed)) {
    try {
      return validHref(new URL(trimmed).href);
    } catch {
      return undefined;
    }
  }
  if (URL.canParse(trimmed)) {
    // Judged as parsed: the parser drops tabs and line breaks anywhere and C0 controls around
    // (`jav&#9;ascript:` is `javascript:`), so the text as written tells nothing.
    const url = new URL(trimmed);
    return UNSAFE_PROTOCOLS.has(url.protocol) ? undefined : validHref(url.href);
  }
  if (base && URL.canParse(trimmed, base)) {
    const resolved = new URL(trimmed, base);
    // A local file path gives relative links no web meaning.
    if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return validHref(resolved.href);
  }
  if (trimmed.startsWith('//') && URL.canParse(`https:${trimmed}`))
    return validHref(new URL(`https:${trimmed}`).href);
  return undefined;
}

// WHATWG URL percent-encodes an IRI's non-ASCII characters (RFC 3987 §3.1) but leaves a "%"
// that starts no escape, which no valid URL contains: it is encoded as "%25".
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const STRAY_PERCENT_ALL = new RegExp(STRAY_PERCENT.source, 'g');

function validHref(href: string): string {
  return href.includes('%') && STRAY_PERCENT.test(href) ? href.replace(STRAY_PERCENT_ALL, '%25') : href;
}

/** The URL only if it is absolute http(s): a guid used as a permalink must be one. */
export function absoluteWebUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !/^https?:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return undefined;
  return validHref(new URL(trimmed).href);
}
