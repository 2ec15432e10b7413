import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import type { Diagnostic } from '../errors.ts';

/** An XML element with its namespace resolved from the declarations in scope. */
export interface XmlElement {
  /** Namespace URI ('' for none). */
  ns: string;
  /** Local name, as spelled (XML is case-sensitive). */
  local: string;
  /** The qualified name as written. */
  qname: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The base URI in scope (xml:base resolved through every ancestor), if any was declared. */
  base: string | undefined;
  /** The xml:lang in scope, if any. */
  lang: string | undefined;
}

export type XmlNode = XmlElement | string;

const MAX_DEPTH = 128;
/** Past this many flattened levels the document is hostile: reading stops there. */
const ABORT_DEPTH = 1024;
const TOO_DEEP = new Error('nesting too deep');
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const EMPTY_ATTRS: Record<string, string> = Object.freeze(Object.create(null));
// XML 1.0 §4.6 predefined entities and character references: everything else is undeclared.
const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;
/** Called with each closed item or entry, its parent and the root; true to drop it from the tree. */
export type RecordHandler = (element: XmlElement, parent: XmlElement, root: XmlElement) => boolean;

/** Names of the elements a cut-off document must not keep half of (and that are streamed). */
const RECORD_NAMES = new Set(['item', 'entry']);

/**
 * Builds a namespace-aware element tree with htmlparser2's parser in XML mode. DTDs are
 * skipped (never fetched, no entity expansion); HTML entities that XML does not declare are
 * decoded anyway, as browsers and feedparser do, with a diagnostic. `documentUrl` is the base
 * that a relative xml:base at the top resolves against.
 */
export function buildXmlTree(
  text: string,
  documentUrl?: string,
  onRecord?: RecordHandler,
): { root: XmlElement; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root: XmlElement = {
    ns: '',
    local: '#document',
    qname: '#document',
    attrs: EMPTY_ATTRS,
    children: [],
    base: undefined,
    lang: undefined,
  };
  const stack: XmlElement[] = [root];
  const initialScope: Record<string, string> = Object.create(null);
  initialScope.xml = XML_NS;
  const scopes: Array<Record<string, string>> = [initialScope];
  let inCdata = false;
  let skippedDepth = 0;
  let reportedEntities = false;
  let reportedNesting = false;
  let ending = false;
  // htmlparser2 reports a self-closing tag's end as "implied" too; it ends where it opened.
  let lastOpened: XmlElement | undefined;
  let lastOpenedEnd = -1;

  const parser = new Parser(
    {
      onopentag(qname, rawAttrs) {
        if (stack.length > MAX_DEPTH) {
          // htmlparser2's own element stack costs O(depth) per tag: stop before that turns quadratic.
          if (skippedDepth >= ABORT_DEPTH) throw TOO_DEEP;
          skippedDepth++;
          if (skippedDepth === 1)
            diagnostics.push({
              code: 'too-deep',
              message: `elements nested deeper than ${MAX_DEPTH} were flattened`,
            });
          return;
        }
        const parent = stack[stack.length - 1]!;
        const parentScope = scopes[scopes.length - 1]!;
        let scope = parentScope;
        let attrs = EMPTY_ATTRS;
        let base = parent.base;
        let lang = parent.lang;
        for (const name in rawAttrs) {
          const raw = rawAttrs[name]!;
          const value = raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
          if (attrs === EMPTY_ATTRS) attrs = Object.create(null);
          attrs[name] = value;
          if (name.charCodeAt(0) === 120 /* x */) {
            if (name === 'xmlns' || name.startsWith('xmlns:')) {
              if (scope === parentScope) scope = Object.assign(Object.create(null), parentScope);
              scope[name === 'xmlns' ? '' : name.slice(6)] = value;
            } else if (name === 'xml:base') {
              base = resolveBase(value, parent.base ?? documentUrl) ?? base;
            } else if (name === 'xml:lang') {
              lang = value.trim() || undefined;
            }
          }
        }
        scopes.push(scope);
        const colon = qname.indexOf(':');
        const prefix = colon === -1 ? '' : qname.slice(0, colon);
        const element: XmlElement = {
          ns: scope[prefix] ?? (prefix ? `urn:undeclared:${prefix}` : ''),
          local: colon === -1 ? qname : qname.slice(colon + 1),
          qname,
          attrs,
          children: [],
          base,
          lang,
        };
        parent.children.push(element);
        stack.push(element);
        lastOpened = element;
        lastOpenedEnd = parser.endIndex;
      },
      onclosetag(_name, implied) {
        if (skippedDepth > 0) {
          skippedDepth--;
          return;
        }
        const closing = stack.length > 1 ? stack.pop() : undefined;
        if (closing) scopes.pop();
        // A complete item is handed over and dropped, so the tree never holds them all at once.
        if (closing && onRecord && !ending && RECORD_NAMES.has(closing.local) && stack.length > 1) {
          const parent = stack[stack.length - 1]!;
          if (onRecord(closing, parent, stack[1]!) && parent.children.at(-1) === closing)
            parent.children.pop();
        }
        const selfClosing = closing === lastOpened && parser.endIndex === lastOpenedEnd;
        if (implied && !selfClosing && !ending && !reportedNesting) {
          reportedNesting = true;
          diagnostics.push({
            code: 'bad-nesting',
            message: 'elements were closed in the wrong order; read as the closing tags imply',
          });
        }
      },
      ontext(data) {
        let value = data;
        if (!inCdata && value.includes('&')) {
          if (!reportedEntities && UNDECLARED_ENTITY.test(value)) {
            reportedEntities = true;
            diagnostics.push({
              code: 'undeclared-entity',
              message: 'bare "&" or HTML entities that XML does not declare were read leniently',
            });
          }
          value = decodeHTMLStrict(value);
        }
        const children = stack[stack.length - 1]!.children;
        const last = children.length - 1;
        if (last >= 0 && typeof children[last] === 'string') children[last] += value;
        else children.push(value);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  let aborted = false;
  try {
    parser.write(text);
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    aborted = true;
    diagnostics.push({
      code: 'too-deep',
      message: `elements nested deeper than ${MAX_DEPTH + ABORT_DEPTH}: the rest of the document was not read`,
    });
  }
  // Elements still open here were cut off: a half item is dropped, the complete ones stay.
  const open = stack.slice(1);
  ending = true;
  if (!aborted) parser.end();
  if (open.length > 0) {
    let dropped = 0;
    for (let index = open.length - 1; index >= 0; index--) {
      const element = open[index]!;
      if (!RECORD_NAMES.has(element.local)) continue;
      const siblings = (open[index - 1] ?? root).children;
      const at = siblings.lastIndexOf(element);
      if (at !== -1) {
        siblings.splice(at, 1);
        dropped++;
      }
    }
    diagnostics.push({
      code: 'truncated',
      message: `document ended with ${open.length} unclosed elements${dropped ? '; the cut-off item was dropped' : ''}`,
    });
  }
  return { root, diagnostics };
}

function resolveBase(value: string, parentBase: string | undefined): string | undefined {
  const trimmed = value.trim();
  if (URL.canParse(trimmed)) return new URL(trimmed).href;
  if (parentBase && URL.canParse(trimmed, parentBase)) return new URL(trimmed, parentBase).href;
  return undefined;
}

/** The element's text: its own and its descendants' character data, concatenated. */
export function textOf(element: XmlElement): string {
  const children = element.children;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let out = '';
  for (const child of children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

/** Child elements with the given namespace and local name. */
export function childrenNamed(element: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && child.ns === ns) out.push(child);
  }
  return out;
}

/** The first child element with the given namespace and local name. */
export function childNamed(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.local === local && child.ns === ns) return child;
  }
  return undefined;
}

/** All child elements. */
export function elementsOf(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}
