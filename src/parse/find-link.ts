import { resolveFeedUrl } from './resolve-feed-url.ts';
import { childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

// RFC 4287 §4.2.7.2: a registered relation may also be written as this IRI prefix + its name.
const IANA_RELATION = 'http://www.iana.org/assignments/relation/';

/** An atom:link's relation: "alternate" when absent (RFC 4287 §4.2.7.2), registered names lower-cased. */
export function relOf(link: XmlElement): string {
  const rel = link.attrs.rel?.trim();
  if (!rel) return 'alternate';
  const lower = rel.toLowerCase();
  return lower.startsWith(IANA_RELATION) ? lower.slice(IANA_RELATION.length) : lower;
}

/**
 * The best link with this relation among the children named `link` in `ns`. A link without a
 * usable href is skipped, never chosen. Among alternates a web page wins: type text/html, then
 * application/xhtml+xml, then no type, then any other type (a feed, an image), first of equals.
 */
export function findLink(
  parent: XmlElement,
  ns: string,
  rel: string,
  base: string | undefined,
): string | undefined {
  let best: string | undefined;
  let bestRank = -1;
  for (const link of childrenNamed(parent, ns, 'link')) {
    if (relOf(link) !== rel) continue;
    const url = resolveFeedUrl(hrefOf(link), link.base ?? base);
    if (!url) continue;
    if (rel !== 'alternate') return url;
    const rank = pageRank(link.attrs.type);
    if (rank > bestRank) {
      best = url;
      bestRank = rank;
      if (rank === 3) break;
    }
  }
  return best;
}

/**
 * A link's href; without the attribute, an absolute URL written as the element's text, as
 * Atom 0.3-era feeds and RSS writers borrowing atom:link sometimes do (RFC 4287 requires the
 * attribute; readers such as feedparser take the text).
 */
export function hrefOf(link: XmlElement): string | undefined {
  if (link.attrs.href !== undefined) return link.attrs.href;
  const text = textOf(link).trim();
  return /^https?:\/\/\S+$/i.test(text) ? text : undefined;
}

function pageRank(type: string | undefined): number {
  const mime = type?.split(';')[0]?.trim().toLowerCase();
  if (!mime) return 1;
  if (mime === 'text/html') return 3;
  if (mime === 'application/xhtml+xml') return 2;
  return 0;
}
