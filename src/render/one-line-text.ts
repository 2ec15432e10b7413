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
 */
export function oneLineText(value: string): string {
  return value
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(LINE_SPACE, ' ')
    .replace(ANGLE, (angle) => (angle === '<' ? '\uff1c' : '\uff1e'))
    .replace(/^ | $/g, '');
}
