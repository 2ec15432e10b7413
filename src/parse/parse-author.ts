import { decodeHTMLStrict } from 'entities';
import type { JsonFeedAuthor } from '../model.ts';
import { literalText, plainText } from './plain-text.ts';
import { MAX_PER_ITEM } from './read-options.ts';

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
  const emailFirst = /^(\S+@\S+?)\s*\(([^()]*)\)$/.exec(text);
  if (emailFirst && EMAIL.test(emailFirst[1]!)) return authorOf(unquote(emailFirst[2]!), emailFirst[1]!);
  const nameFirst = /^(.*?)\s*\(([^\s()]+@[^\s()]+)\)$/.exec(text);
  if (nameFirst && EMAIL.test(nameFirst[2]!)) return authorOf(unquote(nameFirst[1]!), nameFirst[2]!);
  if (EMAIL.test(text)) return authorOf('', text);
  return { name: text };
}

/**
 * The authors of RSS-style text that may list several, each with an address: "a@example.com
 * (A), b@example.com (B)" or "A <a@example.com>, B <b@example.com>". The text is split at commas
 * only when every part is an author with an address; otherwise (a name with a comma, "Doe,
 * Jane <jane@example.com>") it is one author, as parseAuthor reads it.
 */
export function parseAuthorList(raw: string | undefined): Array<JsonFeedAuthor | undefined> {
  if (!raw?.includes(',') || raw.indexOf('@') === raw.lastIndexOf('@')) return [parseAuthor(raw)];
  const parts = raw.split(',').map(parseAuthor);
  return parts.every((part) => part?.url !== undefined) ? parts : [parseAuthor(raw)];
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

/**
 * Appends authors that are not already listed. The same name given again without a url, or
 * first without one and then with one (RSS `author` "jane@example.com (Jane Doe)" beside
 * `dc:creator` "Jane Doe"), is the same author: listed once, with the url.
 */
export function addAuthors(into: JsonFeedAuthor[], more: Array<JsonFeedAuthor | undefined>): void {
  for (const author of more) {
    if (!author) continue;
    // The cap keeps the duplicate check linear on hostile input (thousands of authors).
    if (into.length >= MAX_PER_ITEM) return;
    const index = into.findIndex(
      (known) =>
        known.name === author.name &&
        (known.url === author.url ||
          (author.name !== undefined && (known.url === undefined || author.url === undefined))),
    );
    if (index === -1) into.push(author);
    else if (into[index]!.url === undefined && author.url !== undefined)
      into[index] = { ...into[index]!, url: author.url };
  }
}
