import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { wellFormed } from '../well-formed.ts';
import { EMPTY_ITEM_DIAGNOSTIC, isEmptyItem } from './is-empty-item.ts';
import { literalText } from './plain-text.ts';
import { readDate } from './read-date.ts';
import type { ReadOptions } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';

type Json = Record<string, unknown>;

/** Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into JSON Feed 1.1. */
export function readJsonFeed(document: Json, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const home = resolveFeedUrl(str(document.home_page_url), options.url);
  const base = home ?? options.url;
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: literalText(asString(document.title)),
    items: [],
  };
  if (home) feed.home_page_url = home;
  const feedUrl =
    resolveFeedUrl(str(document.feed_url), options.url) ??
    (options.url && /^https?:/i.test(options.url) ? resolveFeedUrl(options.url, undefined) : undefined);
  if (feedUrl) feed.feed_url = feedUrl;
  const description = literalText(asString(document.description));
  if (description) feed.description = description;
  for (const key of ['icon', 'favicon'] as const) {
    const url = resolveFeedUrl(str(document[key]), base);
    if (url) feed[key] = url;
  }
  const language = str(document.language);
  if (language) feed.language = language;
  const authors = readAuthors(document, base);
  if (authors.length > 0) feed.authors = authors;
  if (document.expired === true) feed.expired = true;
  const items = Array.isArray(document.items) ? document.items : [];
  let skipped = 0;
  for (const raw of items) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      skipped++;
      continue;
    }
    const item = readItem(raw as Json, base, options, diagnostics);
    if (isEmptyItem(item)) {
      diagnostics.push(EMPTY_ITEM_DIAGNOSTIC);
      continue;
    }
    // JSON Feed 1.1: an item without authors has the feed's.
    if (!item.authors && feed.authors) item.authors = feed.authors;
    feed.items.push(item);
  }
  if (skipped > 0)
    diagnostics.push({ code: 'bad-item', message: `${skipped} items that are not objects were skipped` });
  return feed;
}

function readItem(
  raw: Json,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
): JsonFeedItem {
  const url = resolveFeedUrl(str(raw.url), base);
  // JSON Feed 1.1: id is a string, but 1.0 feeds often give numbers.
  const id =
    typeof raw.id === 'string' || typeof raw.id === 'number' ? wellFormed(String(raw.id)).trim() : undefined;
  const item: JsonFeedItem = { id: id || url || '' };
  if (url) item.url = url;
  const externalUrl = resolveFeedUrl(str(raw.external_url), base);
  if (externalUrl) item.external_url = externalUrl;
  const title = literalText(asString(raw.title));
  if (title) item.title = title;
  const html = str(raw.content_html);
  const text = str(raw.content_text);
  if (html) item.content_html = html;
  if (text) item.content_text = text;
  const summary = str(raw.summary);
  if (summary) item.summary = summary;
  for (const key of ['image', 'banner_image'] as const) {
    const value = resolveFeedUrl(str(raw[key]), base);
    if (value) item[key] = value;
  }
  const label = item.id || url || title;
  const published = readDate([str(raw.date_published)], options.timezone, diagnostics, label);
  if (published) item.date_published = published;
  const modified = readDate([str(raw.date_modified)], options.timezone, diagnostics, label);
  if (modified) item.date_modified = modified;
  const authors = readAuthors(raw, base);
  if (authors.length > 0) item.authors = authors;
  if (Array.isArray(raw.tags)) {
    const tags = raw.tags
      .filter((tag): tag is string => typeof tag === 'string')
      .map((tag) => wellFormed(tag).trim())
      .filter(Boolean);
    if (tags.length > 0) item.tags = [...new Set(tags)];
  }
  const language = str(raw.language);
  if (language) item.language = language;
  if (Array.isArray(raw.attachments)) {
    const attachments: JsonFeedAttachment[] = [];
    for (const value of raw.attachments) {
      if (!value || typeof value !== 'object') continue;
      const attachment = value as Json;
      const href = resolveFeedUrl(str(attachment.url), base);
      const mime = str(attachment.mime_type);
      if (!href || !mime) continue;
      const out: JsonFeedAttachment = { url: href, mime_type: mime };
      const title = str(attachment.title);
      if (title) out.title = title;
      const size = attachment.size_in_bytes;
      if (typeof size === 'number' && Number.isFinite(size) && size >= 0) out.size_in_bytes = size;
      const duration = attachment.duration_in_seconds;
      if (typeof duration === 'number' && Number.isFinite(duration) && duration >= 0)
        out.duration_in_seconds = duration;
      attachments.push(out);
    }
    if (attachments.length > 0) item.attachments = attachments;
  }
  return item;
}

/** JSON Feed 1.1 `authors`, or 1.0's single `author`. */
function readAuthors(value: Json, base: string | undefined): JsonFeedAuthor[] {
  const list =
    Array.isArray(value.authors) && value.authors.length > 0
      ? value.authors
      : value.author
        ? [value.author]
        : [];
  const out: JsonFeedAuthor[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const raw = entry as Json;
    const author: JsonFeedAuthor = {};
    const name = literalText(str(raw.name));
    if (name) author.name = name;
    const url = resolveFeedUrl(str(raw.url), base);
    if (url) author.url = url;
    const avatar = resolveFeedUrl(str(raw.avatar), base);
    if (avatar) author.avatar = avatar;
    if (Object.keys(author).length > 0) out.push(author);
  }
  return out;
}

/**
 * A string as given (spaces kept: literalText folds only XML whitespace, never U+00A0), lone
 * surrogates (from `\uD800` escapes) as U+FFFD, as in text decoded from bytes.
 */
function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? wellFormed(value) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? wellFormed(value.trim()) : undefined;
}
