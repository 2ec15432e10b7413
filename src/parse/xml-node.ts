// The element tree's types, apart from the code that builds it (xml-tree.ts, tree-builder.ts)
// so that neither has to import the other for them.

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

/** A node of the tree: an element or a run of (decoded) character data. */
export type XmlNode = XmlElement | string;

/** Called with each closed item or entry, its parent and the root; true to drop it from the tree. */
export type RecordHandler = (element: XmlElement, parent: XmlElement, root: XmlElement) => boolean;
