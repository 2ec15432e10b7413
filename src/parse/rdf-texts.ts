import { NS } from './namespaces.ts';
import { childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

/**
 * The values of a property such as dc:subject or dc:creator. RDF (and so RSS 1.0's Dublin Core
 * module) may give several at once as an rdf:Bag, rdf:Seq or rdf:Alt of rdf:li: each is a value
 * of its own, where the element's text would run them together ("NewsWorld"). An element
 * without such a container has one value, its text.
 */
export function rdfTexts(element: XmlElement): string[] {
  for (const child of element.children) {
    if (typeof child === 'string' || child.ns !== NS.rdf) continue;
    if (child.local !== 'Bag' && child.local !== 'Seq' && child.local !== 'Alt') continue;
    return childrenNamed(child, NS.rdf, 'li').map(textOf);
  }
  return [textOf(element)];
}

/** The values of every child of `parent` with this name, containers opened (see rdfTexts). */
export function rdfTextsOf(parent: XmlElement, ns: string, local: string): string[] {
  return childrenNamed(parent, ns, local).flatMap(rdfTexts);
}
