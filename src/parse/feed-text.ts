import { createHash } from 'node:crypto';
import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import type { JsonFeedAuthor } from '../model.ts';

const SPACE_RUN = /\s+/g;

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
  return value.replace(SPACE_RUN, ' ').trim();
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
      return new URL(trimmed).href;
    } catch {
      return undefined;
    }
  }
  if (UNSAFE_SCHEME.test(trimmed)) return undefined;
  if (URL.canParse(trimmed)) return new URL(trimmed).href;
  if (base && URL.canParse(trimmed, base)) {
    const resolved = new URL(trimmed, base);
    // A local file path gives relative links no web meaning.
    if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
  }
  if (trimmed.startsWith('//') && URL.canParse(`https:${trimmed}`)) return new URL(`https:${trimmed}`).href;
  return undefined;
}

/** The URL only if it is absolute http(s): a guid used as a permalink must be one. */
export function absoluteWebUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !/^https?:\/\//i.test(trimmed) || !URL.canParse(trimmed)) return undefined;
  return new URL(trimmed).href;
}

/** A short stable hash used as an id of last resort. */
export function shortHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 16);
}

const EMAIL = /^(?:mailto:)?([^\s()<>@]+@[^\s()<>@]+\.[^\s()<>@]+)$/i;

/**
 * An author from RSS-style text: "email (Name)" (RSS 2.0 author), "Name <email>", a bare
 * email or a bare name. An email becomes a mailto: url, as JSON Feed 1.1 allows.
 */
export function parseAuthor(raw: string | undefined): JsonFeedAuthor | undefined {
  if (!raw) return undefined;
  // "Name <email>" must be read before markup stripping would take "<email>" for a tag.
  const decoded = raw.includes('&') ? decodeHTMLStrict(raw) : raw;
  const angled = /^([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(decoded.trim());
  if (angled)
    return authorOf(
      literalText(angled[1])
        .replace(/^"(.*)"$/, '$1')
        .trim(),
      angled[2]!,
    );
  const text = plainText(raw);
  if (!text) return undefined;
  const paren = /^(\S+@\S+?)\s*\((.+)\)$/.exec(text);
  if (paren && EMAIL.test(paren[1]!)) return authorOf(paren[2]!.trim(), paren[1]!.replace(/^mailto:/i, ''));
  const bare = EMAIL.exec(text);
  if (bare) return authorOf(bare[1]!, bare[1]!);
  return { name: text };
}

function authorOf(name: string, email: string): JsonFeedAuthor {
  const author: JsonFeedAuthor = {};
  author.name = name || email;
  author.url = `mailto:${email}`;
  return author;
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
