import { parseSrcset } from '../srcset.ts';

/**
 * URL attribute handling: make a value absolute against the item link, then the feed URL, and
 * accept it only when its scheme is allowed. Values arrive entity-decoded from the parser.
 * Feed metadata goes through parse/resolve-feed-url.ts instead, on purpose: it has one base and no
 * scheme allowlist, and a post body needs both the per-attribute allowlist and `#fragment` kept.
 */

// Browsers drop C0 controls and spaces around a URL and tab/newline inside it (WHATWG URL
// §4.4), so `jav&#x09;ascript:` is `javascript:` to them: strip the same before judging.
const CONTROLS = /[\u0000-\u001f\u007f]+/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Resolves one URL value; undefined when it is empty, unparsable or of a refused scheme. */
export function resolveUrl(
  raw: string,
  bases: readonly string[],
  schemes: ReadonlySet<string>,
  imageDataTypes?: ReadonlySet<string>,
): string | undefined {
  let value = raw.replace(CONTROLS, '').trim();
  if (value === '') return undefined;
  if (value.startsWith('#')) return value;
  if (value.startsWith('//') || value.startsWith('\\\\')) value = `https:${value}`;
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'data') return imageDataTypes && isAllowedData(value, imageDataTypes) ? value : undefined;
  let url: URL | undefined;
  if (scheme !== undefined) url = parseUrl(value);
  else {
    for (const base of bases) {
      url = /^https?:/i.test(base) ? parseUrl(value, base) : undefined;
      if (url !== undefined) break;
    }
  }
  if (url === undefined || !schemes.has(url.protocol)) return undefined;
  return url.href;
}

// One parse instead of URL.canParse + new URL (Node 20 has no URL.parse); failures are rare.
function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

function isAllowedData(value: string, types: ReadonlySet<string>): boolean {
  const end = value.search(/[;,]/);
  if (end < 0) return false;
  return types.has(value.slice(5, end).trim().toLowerCase());
}

/**
 * Resolves every candidate of a `srcset` (HTML §4.8.4.3.10: URL, optional descriptor, comma);
 * candidates with a refused URL are dropped. Undefined when none is left.
 */
export function resolveSrcset(
  raw: string,
  bases: readonly string[],
  schemes: ReadonlySet<string>,
): string | undefined {
  const candidates: string[] = [];
  for (const { url, descriptors } of parseSrcset(raw)) {
    const resolved = resolveUrl(url, bases, schemes);
    if (resolved === undefined || !/^(?:\d+(?:\.\d+)?[wx])?$/i.test(descriptors)) continue;
    // A comma inside the URL would split the candidate when re-read: percent-encode it.
    const safe = resolved.replace(/,/g, '%2C');
    candidates.push(descriptors ? `${safe} ${descriptors}` : safe);
  }
  return candidates.length > 0 ? candidates.join(', ') : undefined;
}
