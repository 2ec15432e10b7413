import type { Diagnostic } from '../errors.ts';
import { wellFormed } from '../well-formed.ts';
import { noteOnce } from './note-once.ts';

/** A JSON object as JSON.parse gives it. */
export type Json = Record<string, unknown>;

/** Reports a JSON Feed field of the wrong type, once per feed and field. */
export type WrongType = (field: string, expected: string, item?: string) => void;

/** The WrongType reporter of one feed: the diagnostic `bad-field`, naming the first item. */
export function wrongTypeNoter(diagnostics: Diagnostic[]): WrongType {
  return (field, expected, item) =>
    noteOnce(diagnostics, 'bad-field', `JSON Feed "${field}" is not ${expected}; it was ignored`, item);
}

/** A JSON object (not an array), else undefined. */
export function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * A text field (title, content, summary, tag, name) as given, lone surrogates made U+FFFD. A
 * finite number is read as its decimal text: feeds made from YAML front matter (`title: 1984`,
 * `tags: [2024]`) send numbers. `null` is the field's absence, as generators write it.
 */
export function textValue(
  value: unknown,
  field: string,
  wrong: WrongType,
  item?: string,
): string | undefined {
  if (typeof value === 'string') return wellFormed(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value !== undefined && value !== null) wrong(field, 'text', item);
  return undefined;
}

/** A string field (a URL, a language tag), trimmed; blank, null and absent are undefined. */
export function stringValue(
  value: unknown,
  field: string,
  wrong: WrongType,
  item?: string,
): string | undefined {
  if (typeof value === 'string') return value.trim() ? wellFormed(value.trim()) : undefined;
  if (value !== undefined && value !== null) wrong(field, 'a string', item);
  return undefined;
}

/** An array field; an absent or null one is empty, another type is reported and empty. */
export function arrayValue(
  value: unknown,
  field: string,
  wrong: WrongType,
  item?: string,
): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== undefined && value !== null) wrong(field, 'an array', item);
  return [];
}

/** A number of bytes or seconds: a non-negative finite number, or a string of one (PHP-made feeds). */
export function amountValue(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim()
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
