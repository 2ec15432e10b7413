// How the serializer writes text so that a browser reads back exactly the text of the tree:
// `& < >` (and `"` in attributes) as references, line breaks as HTML's input stream makes them
// (CR LF and CR become LF, HTML §13.2.3.5), and the C0 controls a parser drops or replaces left
// out. UTF-8 text stays as is. An output target's own escaping (Hexo's) is its markup writer's
// (body-markup.ts).

const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
const ATTRIBUTE_SPECIAL = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeChar = (char: string): string => ESCAPES[char] ?? '';

/** Text content (also inside `<pre>`, where line breaks are kept as they are). */
export function escapeMarkupText(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(/[&<>]|[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, escapeChar);
}

/** A double-quoted attribute value. */
export function escapeMarkupAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>"]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, escapeChar);
}

/**
 * A comment's text made harmless: no `-` or `!` that could end it early (`-->`, `--!>`) or open
 * another (`<!--`), no line break, whitespace runs around breaks folded to one space, the C0
 * controls left out. References are not decoded in a comment (HTML's comment states), so `& < >` stay
 * as they are: escaping them would add one more `&amp;` each time the output is cleaned again.
 */
export function escapeMarkupComment(data: string): string {
  return data
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t\f]*\n[ \t\f\n]*/g, '\n')
    .replace(/[-!]/g, ' ')
    .replace(/\n/g, ' ')
    .trim();
}

/** Kept CSS (raw text, references are not decoded there): no `</` that could end the `<style>`. */
export function escapeMarkupCss(css: string): string {
  return css.replace(/\r\n?/g, '\n').replace(/<\//g, '<\\/');
}
