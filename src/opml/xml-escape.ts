import { escapeHtml } from '../escape-html.ts';

// XML 1.0 §2.2 Char: tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. Anything
// else (other C0 controls, U+FFFE/U+FFFF, a lone surrogate) makes a document ill-formed, and
// no escape can carry it, so it is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// In an attribute, a parser turns a literal tab, LF or CR into a space (§3.3.3): written as
// character references they come back as they were.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Character data for an XML element: the HTML text escapes, once what XML cannot hold is gone. */
export function xmlText(value: string): string {
  return escapeHtml(value.replace(NOT_XML_CHAR, ''));
}

/** The value of a double-quoted XML attribute. */
export function xmlAttribute(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]!);
}
