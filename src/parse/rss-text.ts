import { decodeHTMLStrict } from 'entities';
import { HTML_ELEMENT_NAMES } from '../html-element-names.ts';
import { HTML_VOID_ELEMENTS } from '../html-void-elements.ts';
import { literalText, plainText } from './plain-text.ts';

const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)/g;
const REFERENCE = /&#?\w+;/;
const LINE_BREAK = /[\r\n]/;

/**
 * An RSS title or category as plain text. RSS never says whether such text is markup, and feeds
 * write both: "&lt;b&gt;Go&lt;/b&gt;" and "Using vector&lt;int&gt;". It is read as HTML only
 * when it shows it (see looksLikeHtml); otherwise "<" is a character and only references are
 * decoded, so that a title about `vector<int>` or the `<title>` element keeps its words.
 */
export function rssText(value: string | undefined): string {
  if (!value) return '';
  if (!value.includes('<') || looksLikeHtml(value)) return plainText(value);
  return literalText(value.includes('&') ? decodeHTMLStrict(value) : value);
}

/**
 * Whether text with a "<" is HTML: every tag in it names an HTML element, and something besides
 * a lone start tag shows it is markup (an end tag, a void element, a reference, a comment or
 * CDATA section). feedparser's test for RSS text is the same but for void elements and comments.
 */
function looksLikeHtml(value: string): boolean {
  if (value.includes('<!--') || value.includes('<![CDATA[')) return true;
  let evidence = REFERENCE.test(value);
  let tags = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(value); match; match = TAG.exec(value)) {
    const name = match[1]!.toLowerCase();
    if (!HTML_ELEMENT_NAMES.has(name)) return false;
    tags++;
    if (match[0].charCodeAt(1) === 47 /* / */ || HTML_VOID_ELEMENTS.has(name)) evidence = true;
  }
  // No tag at all ("5 < 6", "I <3 you"): the "<" is text either way.
  return tags > 0 && evidence;
}

/**
 * Whether an RSS description is plain text laid out in lines: it has line breaks and no markup
 * at all (no "<", no reference). As HTML its paragraphs would run together into one; read as
 * text, blank lines stay paragraphs and line breaks stay breaks. One line of text reads the same
 * either way, so it stays HTML as before.
 */
export function isPlainTextBody(description: string): boolean {
  return !description.includes('<') && LINE_BREAK.test(description) && !REFERENCE.test(description);
}
