import type { Diagnostic } from '../errors.ts';
import { escapeHtml } from '../escape-html.ts';
import type { Item, JsonFeed, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { parseAuthor, plainText } from '../parse/index.ts';
import { itemCover, itemMedia } from './item-media.ts';

/** Options for {@link toItems}. */
export interface NormalizeOptions {
  /** When the items are first seen: the date of items whose feed gave none. */
  now: Date;
  /** Newest N items to keep. */
  limit: number;
  /** The author of items for which neither the item nor the feed names one (configured). */
  defaultAuthor?: string;
}

/** Turns a parsed feed into canonical items, newest first, at most `limit` of them. */
export function toItems(feed: JsonFeed, options: NormalizeOptions, diagnostics: Diagnostic[]): Item[] {
  // Items without an author take the feed's (RSS managingEditor included), else the default.
  const feedAuthors = (feed.authors ?? []).map(authorName).filter(Boolean);
  const fallbackAuthors =
    feedAuthors.length > 0 ? feedAuthors : options.defaultAuthor ? [options.defaultAuthor] : [];
  const items = feed.items.map((entry, index) => {
    const item = toItem(entry, options.now, diagnostics);
    if (item.authors.length === 0) item.authors = [...fallbackAuthors];
    return { item, index };
  });
  // Newest first; items without a date keep their feed order (feeds list newest first).
  items.sort((a, b) => {
    if (a.item.publishedKnown && b.item.publishedKnown)
      return b.item.published.getTime() - a.item.published.getTime() || a.index - b.index;
    return a.index - b.index;
  });
  return items.slice(0, options.limit).map(({ item }) => item);
}

function toItem(entry: JsonFeedItem, now: Date, diagnostics: Diagnostic[]): Item {
  const published = entry.date_published ?? entry.date_modified;
  const publishedKnown = published !== undefined;
  if (!publishedKnown)
    diagnostics.push({
      code: 'no-date',
      message: 'no usable date; using the time it was first seen',
      item: entry.id,
    });
  const html = entry.content_html ?? textToHtml(entry.content_text) ?? textToHtml(entry.summary) ?? '';
  const item: Item = {
    key: entry.id,
    title:
      entry.title ||
      snippet(entry.summary) ||
      snippet(entry.content_text) ||
      snippet(plainText(entry.content_html)) ||
      fallbackTitle(entry, published ?? now.toISOString()),
    html,
    published: publishedKnown ? new Date(published) : now,
    publishedKnown,
    authors: (entry.authors ?? []).map(authorName).filter(Boolean),
    tags: entry.tags ?? [],
  };
  const url = entry.url ?? entry.external_url;
  if (url) item.url = url;
  if (entry.date_modified) item.updated = new Date(entry.date_modified);
  const media = itemMedia(entry);
  if (media.length > 0) item.media = media;
  const player = entry._feedmill?.player;
  if (player) item.player = player;
  const image = itemCover(entry, media);
  if (image) item.image = image;
  return item;
}

/**
 * The name a post shows for an author. An author known only by an address (RSS 2.0 author,
 * Atom email) is shown by its local part, so that a post never publishes the address itself.
 */
export function authorName(author: JsonFeedAuthor): string {
  // A name that is an address ("jane@example.com (Jane)" in a JSON Feed) shows its name part.
  const named = author.name?.includes('@') ? parseAuthor(author.name) : undefined;
  if (named) return named.name ?? addressName(named.url ?? '');
  if (author.name) return author.name;
  return addressName(author.url ?? '');
}

/** The local part of a mailto: address; any other url as it is. */
function addressName(url: string): string {
  if (!url.toLowerCase().startsWith('mailto:')) return url;
  const address = url.slice('mailto:'.length);
  const local = address.slice(0, Math.max(0, address.indexOf('@')));
  try {
    return decodeURIComponent(local);
  } catch {
    return local;
  }
}

/** The first words of a text as a title for an untitled item (microblogs have none). */
function snippet(text: string | undefined): string {
  // Only XML whitespace folds: U+00A0 is text.
  const folded = text?.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '') ?? '';
  if (folded.length <= 80) return folded;
  const cut = folded.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

function fallbackTitle(entry: JsonFeedItem, date: string): string {
  return `Untitled ${date.slice(0, 10)} ${entry.id.slice(-8)}`;
}

/**
 * Plain text as HTML paragraphs: blank lines split paragraphs, single line breaks become <br>.
 * A line break is LF, CRLF or a lone CR (JSON strings keep whichever the writer used).
 */
function textToHtml(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
