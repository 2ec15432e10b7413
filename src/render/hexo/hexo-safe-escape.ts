// Hexo's escaping of post bodies (applied by hexo-markup.ts as the clean stage writes them):
// `{ } \` ~` as character references (Nunjucks and Markdown fences never see them), no blank or
// indented line (one Markdown HTML block), and kept CSS on one line with no sequence Nunjucks or
// an HTML parser would read as its own.

const TEXT_SPECIAL = /[&<>{}`~\u0000-\u0008\u000a-\u001f\u007f]/;
const ATTRIBUTE_SPECIAL = /[&<>"{}`~\u0000-\u001f\u007f]/;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '{': '&#123;',
  '}': '&#125;',
  '`': '&#96;',
  '~': '&#126;',
  '\n': '&#10;',
  '\r': '&#10;',
  '\r\n': '&#10;',
  '\t': '&#9;',
};
// Other controls are not text a reader can see; HTML parsers drop or replace them.
const escapeChar = (char: string): string => ESCAPES[char] ?? '';

/** Text content: references for Hexo's specials, whitespace around line breaks folded. */
export function escapeText(text: string): string {
  if (text === '\n') return text;
  if (!TEXT_SPECIAL.test(text)) return text;
  // CommonMark ends lines at \n, \r\n and \r: make them all \n, then fold each whitespace run
  // holding a break into one break, so no line is blank or indented.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>{}`~]|[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, escapeChar)
    .replace(/[ \t\f]*\n[ \t\f\n]*/g, '\n');
}

/** Text inside `<pre>`: every character kept, line breaks as references. */
export function escapePreformatted(text: string): string {
  // Inside <pre> every character counts: line breaks become references so no line starts here.
  return text.replace(/\r\n?|[&<>{}`~\n]|[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, escapeChar);
}

/** A double-quoted attribute value, on one line. */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return value.replace(/\r\n?|[&<>"{}`~\n\t]|[\u0000-\u0008\u000b-\u001f\u007f]/g, escapeChar);
}

/**
 * Kept CSS: real braces (so the rules work), one line (one Markdown block), and no sequence
 * that Nunjucks (`{{`, `{%`, `{#`) or an HTML parser (`</style`) would read as its own.
 */
export function safeCss(css: string): string {
  return css
    .replace(/[\s]*\n[\s]*/g, ' ')
    .replace(/\{(?=[{%#])/g, '{ ')
    .replace(/<\//g, '<\\/')
    .replace(/[`~]/g, (char) => (char === '`' ? '\\60 ' : '\\7e '));
}
