import render from 'dom-serializer';
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { escapeHtml, escapeHtmlAttribute } from '../escape-html.ts';
import { HTML_VOID_ELEMENTS as VOID } from '../html-void-elements.ts';
import { formatSrcset, parseSrcset } from '../srcset.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { textOf, type XmlElement, type XmlNode } from './xml-tree.ts';

const URL_ATTRS = new Set(['href', 'src', 'poster', 'cite', 'action']);
/** Nesting beyond which resolveHtmlUrls leaves a fragment as written (far below stack limits). */
const MAX_RESOLVE_DEPTH = 1000;

/**
 * Serializes inline xhtml content (Atom type="xhtml") back to HTML, resolving relative href/src
 * against the xml:base in scope at each element. `textIsHtml`: the character data is HTML source
 * written among stray elements (see htmlOf), kept as it is rather than escaped as text.
 */
export function serializeXhtml(nodes: XmlNode[], base: string | undefined, textIsHtml = false): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += textIsHtml ? node : escapeHtml(node);
      continue;
    }
    // XML ends a plaintext element; HTML never does (all that follows is its text, which the
    // clean stage would drop): it is written as the preformatted text XHTML shows it as.
    const name = node.local === 'plaintext' ? 'pre' : node.local;
    let attrs = '';
    for (const key in node.attrs) {
      if (key === 'xmlns' || key.startsWith('xmlns:') || key.startsWith('xml:')) continue;
      let value = node.attrs[key]!;
      if (URL_ATTRS.has(key) && !value.startsWith('#'))
        value = resolveFeedUrl(value, node.base ?? base) ?? value;
      else if (key === 'srcset') value = resolveSrcset(value, node.base ?? base);
      attrs += ` ${key}="${escapeHtmlAttribute(value)}"`;
    }
    // A void element has no content: whatever XML nested in it (an unclosed <br>) follows it.
    const inner = serializeXhtml(node.children, base, textIsHtml);
    if (VOID.has(name)) out += `<${name}${attrs}>${inner}`;
    else out += `<${name}${attrs}>${inner}</${name}>`;
  }
  return out;
}

/**
 * An element's content as HTML: its text when it holds only text (escaped HTML or CDATA, the
 * usual case), else its children serialized, for feeds that embed raw HTML elements. The text
 * is HTML source either way: escaped markup inside a stray element (TypePad wrapped escaped
 * HTML in an XHTML div) is markup as it would be without the element. `textIsHtml: false` for
 * an element whose content is XHTML (an xhtml:body), whose text beside elements is text.
 */
export function htmlOf(element: XmlElement, textIsHtml = true): string {
  for (const child of element.children) {
    if (typeof child !== 'string') return serializeXhtml(element.children, element.base, textIsHtml);
  }
  return textOf(element);
}

/**
 * Resolves relative href/src/… in an HTML fragment against an explicit xml:base (RFC 4287
 * §2 / XML Base), through a parsed tree; text and other markup are kept as they were written.
 */
export function resolveHtmlUrls(html: string, base: string): string {
  // 'src' also finds srcset.
  if (!html.includes('href') && !html.includes('src') && !html.includes('poster') && !html.includes('cite'))
    return html;
  const document = parseDocument(html, { decodeEntities: false });
  let changed = false;
  // An explicit stack: escaped HTML may nest far deeper than the call stack allows.
  const stack: Array<{ nodes: ChildNode[]; depth: number }> = [{ nodes: document.children, depth: 0 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    // dom-serializer recurses per level: past this depth the fragment is left as written, and
    // the clean stage (which caps nesting and resolves against the feed's URL) takes it from there.
    if (frame.depth > MAX_RESOLVE_DEPTH) return html;
    for (const node of frame.nodes) {
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const element = node as Element;
      for (const name of Object.keys(element.attribs)) {
        const lower = name.toLowerCase();
        const value = element.attribs[name]!;
        let resolved: string | undefined;
        if (lower === 'srcset') resolved = resolveSrcset(value, base);
        // Absolute URLs stay; so do fragment-only links, which point into the same document.
        else if (URL_ATTRS.has(lower) && !/^[a-z][a-z0-9+.-]*:|^#/i.test(value.trim()))
          resolved = resolveFeedUrl(value, base);
        if (resolved && resolved !== value) {
          element.attribs[name] = resolved;
          changed = true;
        }
      }
      if (element.children.length > 0) stack.push({ nodes: element.children, depth: frame.depth + 1 });
    }
  }
  return changed ? render(document, { decodeEntities: false }) : html;
}

/**
 * Resolves each image candidate's URL in a `srcset` (HTML §4.8.4.3.10) against `base`, as
 * `href` and `src` are; absolute URLs and the descriptors stay as written.
 */
function resolveSrcset(value: string, base: string | undefined): string {
  const candidates = parseSrcset(value).map((candidate) =>
    /^[a-z][a-z0-9+.-]*:/i.test(candidate.url)
      ? candidate
      : { ...candidate, url: resolveFeedUrl(candidate.url, base) ?? candidate.url },
  );
  return formatSrcset(candidates);
}
