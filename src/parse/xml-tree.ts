import type { Diagnostic } from '../errors.ts';
import { EntityExpander } from './entity-expander.ts';
import { readDoctype } from './read-doctype.ts';
import { dropCutRecords, TreeBuilder } from './tree-builder.ts';
import type { RecordHandler, XmlElement } from './xml-node.ts';

export type { RecordHandler, XmlElement, XmlNode } from './xml-node.ts';

/** Characters that entity expansion may add to a document (or its own length, if larger). */
const ENTITY_BUDGET = 1 << 20;

/**
 * Builds a namespace-aware element tree with htmlparser2's tokenizer in XML mode. Entities of
 * the internal subset are expanded, bounded (see EntityExpander); nothing external is ever
 * fetched. HTML entities that XML does not declare are
 * decoded anyway, as browsers and feedparser do, with a diagnostic. Elements nested deeper than
 * the limit are flattened into their ancestor (their text kept, one diagnostic) and reading goes
 * on; a document cut off mid-item loses that item only. `documentUrl` is the base that a relative
 * xml:base at the top resolves against; `onRecord` receives each item or entry as it closes.
 */
export function buildXmlTree(
  text: string,
  documentUrl?: string,
  onRecord?: RecordHandler,
): { root: XmlElement; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const doctype = readDoctype(text);
  let source = text;
  let entities: EntityExpander | undefined;
  if (doctype) {
    // The tokenizer cannot read an internal subset (a '>' or '<' in an entity value ends or
    // opens a tag there): it sees blanks of the same length, so offsets stay the same.
    if (doctype.hasSubset)
      source =
        text.slice(0, doctype.start) + ' '.repeat(doctype.end - doctype.start) + text.slice(doctype.end);
    entities = new EntityExpander(doctype, Math.max(ENTITY_BUDGET, text.length), diagnostics);
  }
  const builder = new TreeBuilder(source, documentUrl, onRecord, entities);
  const open = builder.run();
  dropCutRecords(builder.root, open, builder.diagnostics);
  return { root: builder.root, diagnostics: [...builder.diagnostics, ...diagnostics] };
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
