import type { JsonFeedAuthor } from '../model.ts';
import { asObject, type Json, stringValue, textValue, type WrongType } from './json-feed-fields.ts';
import { literalText } from './plain-text.ts';
import { MAX_PER_ITEM } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';

/**
 * JSON Feed 1.1 `authors`, else 1.0's `author` (1.1: "Feed readers should always prefer
 * `authors` if present"), at most MAX_PER_ITEM. Hand-made feeds also give an author as a bare
 * name (`"author": "Jane"`, `"authors": ["Jane"]`): it is read as the author's name.
 */
export function readJsonAuthors(
  value: Json,
  base: string | undefined,
  wrong: WrongType,
  item?: string,
): JsonFeedAuthor[] {
  const authors = authorList(value.authors, 'authors', base, wrong, item);
  return authors.length > 0 ? authors : authorList(value.author, 'author', base, wrong, item);
}

function authorList(
  value: unknown,
  field: string,
  base: string | undefined,
  wrong: WrongType,
  item: string | undefined,
): JsonFeedAuthor[] {
  if (value === undefined || value === null) return [];
  // `authors` is an array and 1.0's `author` one author, but hand-made feeds mix them up: an
  // `authors` that is one author (a name or an object) is read as that author, as a bare name is.
  const out: JsonFeedAuthor[] = [];
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (out.length >= MAX_PER_ITEM) break;
    const author = readAuthor(entry, field, base, wrong, item);
    if (author) out.push(author);
  }
  return out;
}

function readAuthor(
  entry: unknown,
  field: string,
  base: string | undefined,
  wrong: WrongType,
  item: string | undefined,
): JsonFeedAuthor | undefined {
  if (typeof entry === 'string') {
    const name = literalText(textValue(entry, field, wrong, item));
    return name ? { name } : undefined;
  }
  const raw = asObject(entry);
  if (!raw) {
    if (entry !== null) wrong(field, 'an author object', item);
    return undefined;
  }
  const author: JsonFeedAuthor = {};
  const name = literalText(textValue(raw.name, `${field}.name`, wrong, item));
  if (name) author.name = name;
  const url = resolveFeedUrl(stringValue(raw.url, `${field}.url`, wrong, item), base);
  if (url) author.url = url;
  const avatar = resolveFeedUrl(stringValue(raw.avatar, `${field}.avatar`, wrong, item), base);
  if (avatar) author.avatar = avatar;
  return Object.keys(author).length > 0 ? author : undefined;
}
