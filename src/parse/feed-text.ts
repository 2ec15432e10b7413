import { createHash } from 'node:crypto';
import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import type { JsonFeedAuthor } from '../model.ts';

// XML whitespace only (XML 1.0 §2.3 S): U+00A0 and other Unicode spaces are content, never folded.
const SPACE_RUN = /[ \t\r\n]+/g;

/** Plain text from a title that may hold markup or entities: tags stripped, whitespace folded. */
export function plainText(value: string | undefined): string {
  if (!value) return '';
  let text = value;
  if (text.includes('<')) {
    let out = '';
    const parser = new Parser(
      {
        ontext(data) {
          out += data;
        },
      },
      { decodeEntities: true },
    );
    parser.end(text);
    text = out;
  } else if (text.includes('&')) {
    text = decodeHTMLStrict(text);
  }
  return literalText(text);
}

/**
 * Text that is already plain (Atom type="text", JSON Feed): only whitespace is folded.
 * (parseFeed has already removed the characters XML forbids from the whole document.)
 */
export function literalText(value: string | undefined): string {
  if (!value) return '';
  const folded = value.replace(SPACE_RUN, ' ');
  // String.prototype.trim would also strip U+00A0: after folding only one space can be at each end.
  const start = folded.charCodeAt(0) === 32 ? 1 : 0;
  const end =
    folded.length > start && folded.charCodeAt(folded.length - 1) === 32 ? folded.length - 1 : folded.length;
  return start === 0 && end === folded.length ? folded : folded.slice(start, end);
}

/** Trims XML whitespace (space, tab, CR, LF) only, keeping U+00A0 and other Unicode spaces. */
export function trimXmlSpace(value: string): string {
  // A scan from each end: a regex anchored at the end would walk the whole (often large) body.
  let start = 0;
  let end = value.length;
  while (start < end && isXmlSpace(value.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

// Schemes that must never come out as a link (script injection through a feed).
const ABSOLUTE_WEB = /^https?:\/\/[^\s]/i;
const UNSAFE_SCHEME = /^\s*(?:javascript|vbscript|data):/i;

/**
 * Resolves a possibly relative URL against `base` (RFC 3986 §5); returns undefined for empty,
 * unusable or script URLs. Protocol-relative URLs without a base default to https.
 */
export function resolveUrl(value: string | undefined, base: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // Fast path: most feed URLs are already absolute http(s) (one parse instead of two).
  if (ABSOLUTE_WEB.test(trimmed)) {
    try {
      return validHref(new URL(trimmed).href);
    } catch {
      return undefined;
    }
  }
  if (UNSAFE_SCHEME.test(trimmed)) return undefined;
  if (URL.canParse(trimmed)) return validHref(new URL(trimmed).href);
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

/** A short stable hash used as an id of last resort. */
export function shortHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}

const EMAIL = /^(?:mailto:)?([^\s()<>@]+@[^\s()<>@]+\.[^\s()<>@]+)$/i;

/**
 * An author from RSS-style text: "email (Name)" (RSS 2.0 author), "Name (email)", "Name <email>",
 * a bare email or a bare name. The address becomes a mailto: url (JSON Feed 1.1 §author); it is
 * never used as the name, so an address alone gives an author with a url and no name.
 */
export function parseAuthor(raw: string | undefined): JsonFeedAuthor | undefined {
  if (!raw) return undefined;
  // "Name <email>" must be read before markup stripping would take "<email>" for a tag.
  const decoded = raw.includes('&') ? decodeHTMLStrict(raw) : raw;
  const angled = /^([^<>]*?)\s*<((?:mailto:)?[^<>\s]+@[^<>\s]+)>$/.exec(literalText(decoded));
  if (angled && EMAIL.test(angled[2]!)) return authorOf(unquote(angled[1]!), angled[2]!);
  const text = plainText(raw);
  if (!text) return undefined;
  const emailFirst = /^(\S+@\S+?)\s*\((.*)\)$/.exec(text);
  if (emailFirst && EMAIL.test(emailFirst[1]!)) return authorOf(unquote(emailFirst[2]!), emailFirst[1]!);
  const nameFirst = /^(.*?)\s*\(([^\s()]+@[^\s()]+)\)$/.exec(text);
  if (nameFirst && EMAIL.test(nameFirst[2]!)) return authorOf(unquote(nameFirst[1]!), nameFirst[2]!);
  if (EMAIL.test(text)) return authorOf('', text);
  return { name: text };
}

function unquote(name: string): string {
  return literalText(name.replace(/^\s*"(.*)"\s*$/, '$1'));
}

function authorOf(name: string, email: string): JsonFeedAuthor {
  const author: JsonFeedAuthor = {};
  if (name) author.name = name;
  author.url = `mailto:${EMAIL.exec(email)![1]}`;
  return author;
}

/**
 * RSS gives an item's address (author) and its name (dc:creator, itunes:author) in separate
 * elements: each address-only author is joined to the next named author without a url, and
 * one that finds none is dropped when a named author exists, so that a name is never lost to
 * or shown as a bare address.
 */
export function joinAuthorAddresses(authors: JsonFeedAuthor[]): JsonFeedAuthor[] {
  if (authors.length < 2) return authors;
  const addressOnly = authors.filter((author) => !author.name && author.url?.startsWith('mailto:'));
  if (addressOnly.length === 0 || addressOnly.length === authors.length) return authors;
  const out: JsonFeedAuthor[] = [];
  for (const author of authors) {
    if (addressOnly.includes(author)) continue;
    const address = author.url === undefined ? addressOnly.shift() : undefined;
    out.push(address ? { ...author, url: address.url! } : author);
  }
  return out;
}

/** At most this many authors, tags or attachments are read per item. */
export const MAX_PER_ITEM = 100;

/** Appends authors that are not already listed (same name and url). */
export function addAuthors(into: JsonFeedAuthor[], more: Array<JsonFeedAuthor | undefined>): void {
  for (const author of more) {
    if (!author) continue;
    // The cap keeps the duplicate check linear on hostile input (thousands of authors).
    if (into.length >= MAX_PER_ITEM) return;
    if (into.some((known) => known.name === author.name && known.url === author.url)) continue;
    into.push(author);
  }
}
