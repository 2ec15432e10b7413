import type TurndownService from 'turndown';
import { percentEncode } from '../../percent-encode.ts';

/** What the rules read of a DOM node (turndown's DOM; the project is built without DOM types). */
interface MarkdownNode {
  nodeName: string;
  textContent: string | null;
  outerHTML: string;
  firstChild: MarkdownNode | null;
  parentNode: MarkdownNode | null;
  previousSibling: MarkdownNode | null;
  nextSibling: MarkdownNode | null;
  getAttribute(name: string): string | null;
}

const asNode = (node: unknown): MarkdownNode => node as MarkdownNode;

/**
 * Rules that replace turndown's own for the constructs whose feed text it writes unescaped, so
 * that no feed text can end the construct and leave raw HTML at the start of a line, where
 * CommonMark (and Hexo's code block filter before it) would read it as an HTML block:
 *
 * - a link's title on one line, its destination without spaces, backslashes or braces;
 * - a code block's language only of letters, digits and `_ + # . -` (turndown takes any
 *   non-space run: a backtick there makes the fence an ordinary line, a quote reaches the
 *   class attribute some Hexo highlighters print), and a fence longer than any backtick run
 *   in the code (a shorter run indented by spaces or after `>` closes it for CommonMark or
 *   for Hexo's filter, which turndown's line-start count misses);
 * - inline code holding a backtick as an HTML `<code>` (turndown's longer delimiters put a
 *   run of three backticks at a line start, which Hexo's filter takes for a fence);
 * - elements kept as HTML (media, sup, sub) without a line break (a blank line inside a tag
 *   ends the HTML block in the middle of the tag) or a brace.
 */
export function addSafeMarkdownRules(service: TurndownService): void {
  service.addRule('safe-link', {
    filter: (node) => asNode(node).nodeName === 'A' && Boolean(asNode(node).getAttribute('href')),
    replacement: (content, node) => {
      const element = asNode(node);
      const title = markdownTitle(element.getAttribute('title') ?? '');
      const destination = markdownDestination(element.getAttribute('href') ?? '');
      return `[${content}](${destination}${title ? ` "${title}"` : ''})`;
    },
  });
  service.addRule('safe-fenced-code', {
    filter: (node) => asNode(node).nodeName === 'PRE' && asNode(node).firstChild?.nodeName === 'CODE',
    replacement: (_content, node) => {
      const code = asNode(node).firstChild!;
      const language = /(?:^|\s)language-(\S+)/.exec(code.getAttribute('class') ?? '')?.[1] ?? '';
      const text = code.textContent ?? '';
      const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
      const info = /^[\w+#.-]+$/.test(language) ? language : '';
      return `\n\n${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}\n\n`;
    },
  });
  service.addRule('safe-inline-code', {
    filter: (node) => {
      const element = asNode(node);
      if (element.nodeName !== 'CODE' || !element.textContent?.includes('`')) return false;
      const inBlock =
        element.parentNode?.nodeName === 'PRE' && !element.previousSibling && !element.nextSibling;
      return !inBlock;
    },
    replacement: (_content, node) =>
      `<code>${(asNode(node).textContent ?? '').replace(/\s+/g, ' ').replace(/[&<>{}`]/g, (char) => CODE_ESCAPES[char]!)}</code>`,
  });
}

/** An element written as HTML in Markdown: on one line, braces as references. */
export function inlineHtml(node: unknown): string {
  return asNode(node).outerHTML.replace(/[{}\n]/g, (char) => HTML_ESCAPES[char]!);
}

const CODE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '{': '&#123;',
  '}': '&#125;',
  '`': '&#96;',
};
const HTML_ESCAPES: Record<string, string> = { '{': '&#123;', '}': '&#125;', '\n': '&#10;' };

/**
 * A link title (CommonMark §6.3) on one line: whitespace runs folded, `"` `\` `&` escaped by
 * backslash, braces as references (both decoded in titles).
 */
function markdownTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/["\\&]/g, '\\$&')
    .replace(/[{}]/g, (brace) => HTML_ESCAPES[brace]!);
}

/**
 * A link destination with no character that could end it or be read otherwise: controls,
 * spaces, `<` `>` `\` and braces and backtick percent-encoded (the same URL, RFC 3986 §2.1),
 * parentheses escaped by backslash.
 */
function markdownDestination(href: string): string {
  return percentEncode(href, /[\u0000-\u0020\u007f<>\\{}`]/g).replace(/[()]/g, '\\$&');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    run = text.charCodeAt(index) === 0x60 ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
