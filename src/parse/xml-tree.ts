import { decodeHTML, decodeHTMLAttribute } from 'entities';
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
}

export type XmlNode = XmlElement | string;

const MAX_DEPTH = 128;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Builds a namespace-aware element tree with htmlparser2's tokenizer in XML mode. DTDs are
 * skipped (never fetched, no entity expansion); HTML entities that XML does not declare are
 * decoded anyway, as browsers and feedparser do, with a diagnostic.
 */
export function buildXmlTree(text: string): { root: XmlElement; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root: XmlElement = {
    ns: '',
    local: '#document',
    qname: '#document',
    attrs: Object.create(null),
    children: [],
  };
  const stack: XmlElement[] = [root];
  const scopes: Array<Record<string, string>> = [Object.assign(Object.create(null), { xml: XML_NS })];
  let inCdata = false;
  let skippedDepth = 0;
  let reportedEntities = false;

  const parser = new Parser(
    {
      onopentag(qname, rawAttrs) {
        if (stack.length > MAX_DEPTH) {
          skippedDepth++;
          if (skippedDepth === 1)
            diagnostics.push({
              code: 'too-deep',
              message: `elements nested deeper than ${MAX_DEPTH} were flattened`,
            });
          return;
        }
        const attrs: Record<string, string> = Object.create(null);
        const parentScope = scopes[scopes.length - 1]!;
        let scope = parentScope;
        for (const name of Object.keys(rawAttrs)) {
          const value = decodeHTMLAttribute(rawAttrs[name] ?? '');
          attrs[name] = value;
          if (name === 'xmlns' || name.startsWith('xmlns:')) {
            if (scope === parentScope) scope = Object.assign(Object.create(null), parentScope);
            scope[name === 'xmlns' ? '' : name.slice(6)] = value;
          }
        }
        scopes.push(scope);
        const colon = qname.indexOf(':');
        const prefix = colon === -1 ? '' : qname.slice(0, colon);
        const local = colon === -1 ? qname : qname.slice(colon + 1);
        const element: XmlElement = {
          ns: scope[prefix] ?? (prefix ? `urn:undeclared:${prefix}` : ''),
          local,
          qname,
          attrs,
          children: [],
        };
        stack[stack.length - 1]!.children.push(element);
        stack.push(element);
      },
      onclosetag() {
        if (skippedDepth > 0) {
          skippedDepth--;
          return;
        }
        if (stack.length > 1) {
          stack.pop();
          scopes.pop();
        }
      },
      ontext(data) {
        let value = data;
        if (!inCdata && value.includes('&')) {
          const decoded = decodeHTML(value);
          if (!reportedEntities && /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(value)) {
            reportedEntities = true;
            diagnostics.push({
              code: 'undeclared-entity',
              message: 'bare "&" or HTML entities that XML does not declare were read leniently',
            });
          }
          value = decoded;
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
  parser.end(text);
  if (stack.length > 1)
    diagnostics.push({
      code: 'truncated',
      message: `document ended with ${stack.length - 1} unclosed elements`,
    });
  return { root, diagnostics };
}

/** The element's text: its own and its descendants' character data, concatenated. */
export function textOf(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? child : textOf(child);
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
