import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedItem } from '../model.ts';
import { EMPTY_ITEM_DIAGNOSTIC, isEmptyItem } from './is-empty-item.ts';
import { readJsonAttachments } from './json-feed-attachments.ts';
import { readJsonAuthors } from './json-feed-authors.ts';
import {
  arrayValue,
  asObject,
  type Json,
  stringValue,
  textValue,
  type WrongType,
  wrongTypeNoter,
} from './json-feed-fields.ts';
import { languageTag } from './language-tag.ts';
import { noteOnce } from './note-once.ts';
import { literalText } from './plain-text.ts';
import { readDate } from './read-date.ts';
import { MAX_PER_ITEM, type ReadOptions } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';

/**
 * Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into JSON Feed 1.1. Only the
 * fields of the specification are read: `_`-prefixed extensions are ignored, as it asks. A field
 * of the wrong type is ignored with the diagnostic `bad-field`, once per feed and field.
 */
export function readJsonFeed(document: Json, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const wrong = wrongTypeNoter(diagnostics);
  const home = resolveFeedUrl(stringValue(document.home_page_url, 'home_page_url', wrong), options.url);
  const base = home ?? options.url;
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: literalText(textValue(document.title, 'title', wrong)),
    items: [],
  };
  if (home) feed.home_page_url = home;
  const feedUrl =
    resolveFeedUrl(stringValue(document.feed_url, 'feed_url', wrong), options.url) ??
    (options.url && /^https?:/i.test(options.url) ? resolveFeedUrl(options.url, undefined) : undefined);
  if (feedUrl) feed.feed_url = feedUrl;
  const description = literalText(textValue(document.description, 'description', wrong));
  if (description) feed.description = description;
  for (const key of ['icon', 'favicon'] as const) {
    const url = resolveFeedUrl(stringValue(document[key], key, wrong), base);
    if (url) feed[key] = url;
  }
  // RFC 5646 tags, as JSON Feed asks; a locale name (`en_US`) is read as the one it stands for.
  const language = languageTag(stringValue(document.language, 'language', wrong));
  if (language) feed.language = language;
  const authors = readJsonAuthors(document, base, wrong);
  if (authors.length > 0) feed.authors = authors;
  if (document.expired === true) feed.expired = true;
  let skipped = 0;
  for (const entry of arrayValue(document.items, 'items', wrong)) {
    const raw = asObject(entry);
    if (!raw) {
      skipped++;
      continue;
    }
    const item = readItem(raw, base, options, diagnostics, wrong);
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
  feedWrong: WrongType,
): JsonFeedItem {
  const wrong: WrongType = (field, expected, item) => feedWrong(`items[].${field}`, expected, item);
  const url = resolveFeedUrl(stringValue(raw.url, 'url', wrong), base);
  const id = readId(raw.id, url, diagnostics, wrong);
  const item: JsonFeedItem = { id: id || url || '' };
  const label = item.id || undefined;
  if (url) item.url = url;
  const externalUrl = resolveFeedUrl(stringValue(raw.external_url, 'external_url', wrong, label), base);
  if (externalUrl) item.external_url = externalUrl;
  const title = literalText(textValue(raw.title, 'title', wrong, label));
  if (title) item.title = title;
  const html = textValue(raw.content_html, 'content_html', wrong, label)?.trim();
  const text = textValue(raw.content_text, 'content_text', wrong, label)?.trim();
  if (html) item.content_html = html;
  if (text) item.content_text = text;
  const summary = textValue(raw.summary, 'summary', wrong, label)?.trim();
  if (summary) item.summary = summary;
  for (const key of ['image', 'banner_image'] as const) {
    const value = resolveFeedUrl(stringValue(raw[key], key, wrong, label), base);
    if (value) item[key] = value;
  }
  const dated = label ?? title;
  const published = readDate(
    [dateText(raw.date_published, 'date_published', wrong, label)],
    options.timezone,
    diagnostics,
    dated,
  );
  if (published) item.date_published = published;
  const modified = readDate(
    [dateText(raw.date_modified, 'date_modified', wrong, label)],
    options.timezone,
    diagnostics,
    dated,
  );
  if (modified) item.date_modified = modified;
  const authors = readJsonAuthors(raw, base, wrong, label);
  if (authors.length > 0) item.authors = authors;
  const tags = new Set<string>();
  for (const tag of arrayValue(raw.tags, 'tags', wrong, label)) {
    if (tags.size >= MAX_PER_ITEM) break;
    const value = literalText(textValue(tag, 'tags[]', wrong, label));
    if (value) tags.add(value);
  }
  if (tags.size > 0) item.tags = [...tags];
  const language = languageTag(stringValue(raw.language, 'language', wrong, label));
  if (language) item.language = language;
  const attachments = readJsonAttachments(raw.attachments, base, wrong, label);
  if (attachments.length > 0) item.attachments = attachments;
  return item;
}

/**
 * The item's id as a string. JSON Feed 1.1: an id "presented as a number" is coerced to a
 * string. A whole number past 2^53 (a database or snowflake id) has already been rounded by
 * JSON.parse, so two items could share it and an id would not be what the feed wrote: the
 * item's url stands in for it (else the content hash of parseFeed), with a `bad-field` note.
 */
function readId(
  value: unknown,
  url: string | undefined,
  diagnostics: Diagnostic[],
  wrong: WrongType,
): string {
  if (typeof value === 'string') return value.trim() ? textValue(value, 'id', wrong)!.trim() : '';
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) || (Number.isFinite(value) && !Number.isInteger(value)))
      return String(value);
    noteOnce(
      diagnostics,
      'bad-field',
      'JSON Feed "id" is a number too large to read exactly; the item\'s url (else a hash) stands in for it',
      url,
    );
    return '';
  }
  if (value !== undefined && value !== null) wrong('id', 'a string or a number', url);
  return '';
}

/** A date as RFC 3339 text; a number (seconds or milliseconds since 1970, seen in the wild) as its digits. */
function dateText(
  value: unknown,
  field: string,
  wrong: WrongType,
  item: string | undefined,
): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return stringValue(value, field, wrong, item);
}
