/** Namespace URIs the readers understand (matched by URI, never by prefix). */
export const NS = {
  none: '',
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

// Spellings of these namespaces found in real feeds: matched without letter case, scheme
// (https), or a trailing '/' or '#' (see aliasKey). RSS 2.0 has no namespace, but UserLand and
// Harvard published URIs that some feeds declare as the default one.
const ALIASES = new Map<string, string>([
  ['http://www.w3.org/2005/atom', NS.atom],
  ['http://purl.org/atom/ns', NS.atom03],
  // Atom before 0.3, when the format was called Pie, Echo and Necho; read as 0.3.
  ['http://purl.org/pie', NS.atom03],
  ['http://purl.org/echo', NS.atom03],
  ['http://example.com/newformat', NS.atom03],
  ['http://example.com/necho', NS.atom03],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns', NS.rdf],
  ['http://purl.org/rss/1.0', NS.rss10],
  ['http://my.netscape.com/rdf/simple/0.9', NS.rss090],
  ['http://purl.org/rss/1.0/modules/content', NS.content],
  ['http://purl.org/dc/elements/1.1', NS.dc],
  ['http://purl.org/dc/elements/1.0', NS.dc],
  ['http://purl.org/dc/terms', NS.dcterms],
  ['http://search.yahoo.com/mrss', NS.media],
  ['http://video.search.yahoo.com/mrss', NS.media],
  ['http://tools.search.yahoo.com/mrss', NS.media],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', NS.itunes],
  ['http://purl.org/rss/1.0/modules/slash', NS.slash],
  ['http://www.w3.org/1999/xhtml', NS.xhtml],
  ['http://backend.userland.com/rss2', NS.none],
  ['http://backend.userland.com/rss', NS.none],
  ['http://blogs.law.harvard.edu/tech/rss', NS.none],
]);
const CANONICAL = new Set<string>(Object.values(NS));
// The IETF drafts of Atom 1.0 (draft-ietf-atompub-format-03 to -09) named their own namespace.
const ATOM_DRAFT = /^http:\/\/purl\.org\/atom\/ns#draft-ietf-atompub-format-\d\d$/;

/**
 * The URI the readers know for a declared namespace: variants in letter case, scheme or
 * trailing slash, and the Atom drafts' namespaces, map to the canonical URI; others stay.
 */
export function canonicalNamespace(uri: string): string {
  if (CANONICAL.has(uri)) return uri;
  const key = aliasKey(uri);
  return ALIASES.get(key) ?? (ATOM_DRAFT.test(key) ? NS.atom : uri);
}

function aliasKey(uri: string): string {
  let key = uri.trim().toLowerCase();
  if (key.startsWith('https://')) key = `http://${key.slice(8)}`;
  while (key.endsWith('/') || key.endsWith('#')) key = key.slice(0, -1);
  return key;
}

/** Prefixes that feeds use without declaring them, and the namespace each always stands for. */
export const USUAL_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['atom', NS.atom],
  ['content', NS.content],
  ['dc', NS.dc],
  ['dcterms', NS.dcterms],
  ['media', NS.media],
  ['itunes', NS.itunes],
  ['slash', NS.slash],
  ['rdf', NS.rdf],
  ['xhtml', NS.xhtml],
]);
