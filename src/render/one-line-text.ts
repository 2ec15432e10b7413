import { wellFormed } from '../well-formed.ts';

// Control, bidi-override, zero-width and BOM characters: invisible in a page, and able to
// reorder or hide what a reader sees of a title.
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Line breaks and XML whitespace fold to one space; U+00A0 and other Unicode spaces are content.
const LINE_SPACE = /[ \t\n\v\f\r\u0085\u2028\u2029]+/g;
// Many themes print `title` and `author` into the page without escaping (Volantis, Fluid), so
// a `<` or `>` in feed text would become markup there. The full-width forms read the same.
const ANGLE = /[<>]/g;

/**
 * A text (title, author, category, tag) as one line for front matter. The parser has already
 * turned feed markup into text, so nothing is parsed here: invisible characters are removed,
 * line breaks folded, and `<` `>` written as their full-width forms, which no theme can misread.
 * A lone surrogate becomes U+FFFD: Hugo's YAML reader fails the build on its `\uD800` escape.
 */
export function oneLineText(value: string): string {
  return wellFormed(value)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(LINE_SPACE, ' ')
    .replace(ANGLE, (angle) => (angle === '<' ? '\uff1c' : '\uff1e'))
    .replace(/^ | $/g, '');
}

// Themes also print titles and authors inside attribute values, quoted either way (Volantis:
// `alt="…"`, `title='…'`, share links), and some inside scripts: a straight quote or backtick
// there ends the value. Their typographic forms read the same and end nothing.
const QUOTE = /["'`]/g;
// A quote after one of these (or at the start) opens; anywhere else it closes (or is an apostrophe).
const OPENS_AFTER = /[\s([{\u2014\u2013\u201c\u2018-]/;

/**
 * A text a theme may print raw into a page (title, author, tag): oneLineText, and straight
 * quotes and backticks made typographic (“…”, ‘…’, ’), so that the text cannot end an
 * attribute value or a script string it is printed into. Category names stay oneLineText:
 * they name folders and category pages, which must not change under published posts.
 */
export function themeSafeText(value: string): string {
  return oneLineText(value).replace(QUOTE, (quote, offset: number, whole: string) => {
    const opening = offset === 0 || OPENS_AFTER.test(whole[offset - 1]!);
    if (quote === '"') return opening ? '\u201c' : '\u201d';
    return opening ? '\u2018' : '\u2019';
  });
}
