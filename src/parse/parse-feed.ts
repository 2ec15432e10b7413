import { type Diagnostic, FeedmillError } from '../errors.ts';
import type { JsonFeed, JsonFeedItem } from '../model.ts';
import { type DecodedText, decodeBytes } from './decode-bytes.ts';
import { NS } from './namespaces.ts';
import { createAtomReader } from './read-atom.ts';
import { isCdfChannel, readCdf } from './read-cdf.ts';
import { readJsonFeed } from './read-json-feed.ts';
import type { FeedReader, ReadOptions } from './read-options.ts';
import { createRssReader } from './read-rss.ts';
import { shortHash } from './short-hash.ts';
import { buildXmlTree, elementsOf, type XmlElement } from './xml-tree.ts';

/** Which format a document was read as ('cdf': Microsoft's Channel Definition Format, 1997). */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'cdf';

/** Options for {@link parseFeed}. */
export interface ParseOptions {
  /** The feed's URL (or path): base for relative links, and named in errors. */
  url?: string;
  /** The HTTP Content-Type header, whose charset takes part in decoding. */
  contentType?: string;
  /** IANA zone for dates written without an offset (default UTC). */
  timezone?: string;
}

/** A parsed feed: the JSON Feed 1.1 document, how it was read, and what was recovered. */
export interface ParseResult {
  feed: JsonFeed;
  format: FeedFormat;
  encoding: string;
  diagnostics: Diagnostic[];
}

/**
 * Parses RSS, Atom or JSON Feed bytes (or text) into JSON Feed 1.1. Throws NOT_A_FEED otherwise.
 * The input may also be bytes already decoded by decodeBytes, so that a caller can let go of a
 * big body's bytes before its text is parsed.
 */
export function parseFeed(input: Uint8Array | string | DecodedText, options: ParseOptions = {}): ParseResult {
  const decoded =
    typeof input === 'string'
      ? { text: input, encoding: 'utf-8', diagnostics: [] }
      : input instanceof Uint8Array
        ? decodeBytes(input, options.contentType)
        : input;
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const unmarked = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  const text = 'clean' in decoded && decoded.clean ? unmarked : withoutInvalidChars(unmarked, diagnostics);
  const readOptions = {
    timezone: checkedTimeZone(options.timezone ?? 'UTC', diagnostics),
    ...(options.url ? { url: options.url } : {}),
  };
  const where = options.url ? ` (${options.url})` : '';
  const context = options.url ? { feed: options.url } : {};
  let start = text.trimStart();
  let feed: JsonFeed;
  let format: FeedFormat;
  if (start.startsWith('{')) {
    let document: unknown;
    try {
      document = JSON.parse(start);
    } catch (error) {
      throw new FeedmillError(
        'NOT_A_FEED',
        `not a feed${where}: invalid JSON (${(error as Error).message})`,
        context,
      );
    }
    if (!isJsonFeed(document))
      throw new FeedmillError(
        'NOT_A_FEED',
        `not a feed${where}: JSON without a jsonfeed.org version`,
        context,
      );
    feed = readJsonFeed(document, readOptions, diagnostics);
    format = 'json';
  } else {
    if (!start.startsWith('<')) start = skipLeadingJunk(start, diagnostics);
    if (!start.startsWith('<'))
      throw new FeedmillError(
        'NOT_A_FEED',
        `not a feed${where}: ${start ? 'the document is not XML or JSON' : 'the document is empty'}`,
        context,
      );
    let read = readXml(start, options.url, readOptions, diagnostics);
    if (typeof read === 'string') {
      // A server may print junk (a PHP notice, an HTML banner) before the real document.
      const rest = skipLeadingJunk(start.slice(1), diagnostics);
      if (rest.startsWith('<')) read = readXml(rest, options.url, readOptions, diagnostics);
    }
    if (typeof read === 'string')
      throw new FeedmillError(
        'NOT_A_FEED',
        `not a feed${where}: root element is <${read}, not rss, RDF, Atom's feed or a CDF CHANNEL`,
        context,
      );
    feed = read.feed;
    format = read.kind;
  }
  assignIds(feed, diagnostics);
  return { feed, format, encoding: decoded.encoding, diagnostics };
}

/** Reads an XML feed, or returns the name of the root element when it is not a feed. */
function readXml(
  text: string,
  url: string | undefined,
  readOptions: ReadOptions,
  diagnostics: Diagnostic[],
): { feed: JsonFeed; kind: FeedFormat } | string {
  // Items are read as they close (see FeedReader), which keeps big feeds' memory flat.
  let reader: FeedReader | undefined;
  let readerKind: FeedFormat | undefined;
  const found: Diagnostic[] = [];
  const tree = buildXmlTree(text, url, (element, parent, root) => {
    if (!reader) {
      readerKind = rootKind(root);
      // CDF is small and legacy: it is read from the whole tree at the end.
      if (!readerKind || readerKind === 'cdf') return false;
      reader =
        readerKind === 'atom' ? createAtomReader(readOptions, found) : createRssReader(readOptions, found);
    }
    return reader.accept(element, parent, root);
  });
  const root = elementsOf(tree.root)[0];
  const kind = root && rootKind(root);
  if (!root || !kind) return root ? `${root.qname}>${root.ns ? ` in namespace ${root.ns}` : ''}` : 'none>';
  let feed: JsonFeed;
  if (kind === 'cdf') {
    feed = readCdf(root, readOptions, found);
  } else {
    if (!reader || readerKind !== kind)
      reader = kind === 'atom' ? createAtomReader(readOptions, found) : createRssReader(readOptions, found);
    feed = reader.finish(root);
  }
  diagnostics.push(...tree.diagnostics, ...found);
  return { feed, kind };
}

function rootKind(root: XmlElement): FeedFormat | undefined {
  if (root.local === 'feed' && (root.ns === NS.atom || root.ns === NS.atom03 || root.ns === ''))
    return 'atom';
  // RSS 0.9x/2.0 have no namespace, but some feeds give <rss> a default one anyway.
  if (root.local === 'rss') return 'rss';
  if (root.local === 'RDF' && root.ns === NS.rdf) return 'rdf';
  if (isCdfChannel(root)) return 'cdf';
  return undefined;
}

// XML 1.0 §2.2 Char excludes C0 controls (but tab, LF, CR), U+FFFE and U+FFFF.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const INVALID_XML_CHARS_ALL = new RegExp(INVALID_XML_CHARS.source, 'g');

function withoutInvalidChars(text: string, diagnostics: Diagnostic[]): string {
  if (!INVALID_XML_CHARS.test(text)) return text;
  diagnostics.push({
    code: 'invalid-char',
    message: 'control characters or U+FFFE/U+FFFF that XML forbids were removed',
  });
  return text.replace(INVALID_XML_CHARS_ALL, '');
}

// Where a feed document really starts, after junk some servers print first (PHP notices, blank lines).
const FEED_START = /<(?:\?xml[\s?]|rss[\s>]|feed[\s>]|(?:[A-Za-z][\w.-]*:)?RDF[\s>]|CHANNEL[\s>])/;

function skipLeadingJunk(text: string, diagnostics: Diagnostic[]): string {
  const match = FEED_START.exec(text.slice(0, 4096));
  if (!match) return text;
  diagnostics.push({ code: 'leading-junk', message: 'text before the XML document was ignored' });
  return text.slice(match.index);
}

const knownZones = new Set(['UTC']);

/** The IANA zone if the runtime knows it; otherwise UTC, with a diagnostic. */
function checkedTimeZone(zone: string, diagnostics: Diagnostic[]): string {
  if (knownZones.has(zone)) return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    knownZones.add(zone);
    return zone;
  } catch {
    diagnostics.push({
      code: 'bad-timezone',
      message: `unknown time zone "${zone}"; dates without a zone read as UTC`,
    });
    return 'UTC';
  }
}

function isJsonFeed(document: unknown): document is Record<string, unknown> {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return false;
  const version = (document as Record<string, unknown>).version;
  // The specification's own page is www.jsonfeed.org/version/1.1/, and feeds copy that spelling.
  return (
    typeof version === 'string' &&
    /^https?:\/\/(?:www\.)?jsonfeed\.org\/version\/1(?:\.\d+)?\/?$/i.test(version.trim())
  );
}

/**
 * Gives every item an id: its own, else its link, else a hash of title and content. Exact
 * twins collapse into one; distinct items sharing an id get a suffix so none is lost.
 */
function assignIds(feed: JsonFeed, diagnostics: Diagnostic[]): void {
  // Fingerprints are only computed when ids collide, which keeps hashing off the hot path.
  const seen = new Map<string, { item: JsonFeedItem; fingerprint?: string }>();
  const kept: JsonFeedItem[] = [];
  for (const item of feed.items) {
    if (!item.id)
      item.id =
        item.url ??
        `urn:feedmill:${shortHash(item.title ?? '', item.content_html ?? item.content_text ?? '')}`;
    const earlier = seen.get(item.id);
    if (earlier === undefined) {
      seen.set(item.id, { item });
      kept.push(item);
      continue;
    }
    earlier.fingerprint ??= fingerprintOf(earlier.item);
    const fingerprint = fingerprintOf(item);
    const twinId = `${item.id}#${fingerprint.slice(0, 8)}`;
    if (earlier.fingerprint === fingerprint || seen.has(twinId)) {
      diagnostics.push({
        code: 'duplicate-item',
        message: 'an exact duplicate item was dropped',
        item: item.id,
      });
      continue;
    }
    diagnostics.push({
      code: 'duplicate-id',
      message: `two different items share the id "${item.id}"`,
      item: twinId,
    });
    item.id = twinId;
    seen.set(twinId, { item, fingerprint });
    kept.push(item);
  }
  feed.items = kept;
}

function fingerprintOf(item: JsonFeedItem): string {
  return shortHash(
    item.title ?? '',
    item.content_html ?? item.content_text ?? '',
    item.url ?? '',
    item.date_published ?? '',
  );
}
