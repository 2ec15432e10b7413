import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import type { Tokenizer } from 'htmlparser2';
import type { Diagnostic } from '../errors.ts';
import { decodeXmlReferences } from './decode-xml-references.ts';
import type { EntityExpander } from './entity-expander.ts';
import { languageTag } from './language-tag.ts';
import { canonicalNamespace, NS, USUAL_PREFIXES } from './namespaces.ts';
import { ScanningTokenizer } from './scanning-tokenizer.ts';
import type { RecordHandler, XmlElement } from './xml-node.ts';

type TokenizerCallbacks = ConstructorParameters<typeof Tokenizer>[1];

const MAX_DEPTH = 128;
/** Distinct names tracked below MAX_DEPTH: past this, new names are open but unnamed (bounded memory). */
const MAX_SKIPPED_NAMES = 4096;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const EMPTY_ATTRS: Record<string, string> = Object.freeze(Object.create(null));
// XML 1.0 §4.6 predefined entities and character references: everything else is undeclared.
const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;
/** Names of the elements a cut-off document must not keep half of (and that are streamed). */
const RECORD_NAMES = new Set(['item', 'entry']);
const noop = (): void => {};

/** An element name open below the depth limit, with how many such elements are open. */
interface SkippedName {
  readonly name: string;
  count: number;
}

/**
 * Builds the element tree straight from htmlparser2's tokenizer callbacks (XML mode, no entity
 * decoding by the tokenizer): only the objects the readers need are made, text is sliced from
 * the document and decoded only where an '&' occurs. See buildXmlTree for the behaviour.
 */
export class TreeBuilder implements TokenizerCallbacks {
  readonly diagnostics: Diagnostic[] = [];
  readonly root: XmlElement = {
    ns: '',
    local: '#document',
    qname: '#document',
    attrs: EMPTY_ATTRS,
    children: [],
    base: undefined,
    lang: undefined,
  };
  private readonly stack: XmlElement[] = [this.root];
  private readonly scopes: Array<Record<string, string>>;
  private tagName = '';
  private attrs: Record<string, string> = EMPTY_ATTRS;
  private attrName = '';
  private attrValue = '';
  /** Whether the pending tag has an attribute starting with 'x' (xmlns, xml:base, xml:lang). */
  private xAttrs = false;
  /**
   * Names of the open elements below MAX_DEPTH, which are not kept (their text goes to the last
   * kept element). Names are interned in `skippedNames`, which also counts them, so that a
   * closing tag learns in O(1) whether it closes a skipped element or a kept one.
   */
  private readonly skipped: SkippedName[] = [];
  private readonly skippedNames = new Map<string, SkippedName>();
  /** Stands for skipped elements whose names are not tracked: no closing tag matches it. */
  private readonly unnamed: SkippedName = { name: '', count: 0 };
  private reportedEntities = false;
  private reportedNesting = false;
  private reportedDepth = false;
  private reportedPrefix = false;
  private reportedAlias = false;

  constructor(
    private readonly text: string,
    private readonly documentUrl: string | undefined,
    private readonly onRecord: RecordHandler | undefined,
    /** The internal subset's entities, when the document declares any (rare: the slow path). */
    private readonly entities?: EntityExpander,
  ) {
    const scope: Record<string, string> = Object.create(null);
    scope.xml = XML_NS;
    this.scopes = [scope];
  }

  /** Tokenizes the whole text; returns the elements left open when it ended. */
  run(): XmlElement[] {
    const tokenizer = new ScanningTokenizer(
      { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
      this,
    );
    tokenizer.write(this.text);
    tokenizer.end();
    return this.stack.slice(1);
  }

  ontext(start: number, endIndex: number): void {
    let value = this.text.slice(start, endIndex);
    if (value.includes('&')) {
      if (this.entities) {
        // Each check runs only until the first finding: text with '&' is the hot path.
        if (!this.reportedEntities && this.entities.hasUndeclared(value)) this.reportUndeclared();
        value = this.entities.decodeText(value);
      } else {
        // XML's own references (nearly all feeds) in one pass; anything else leniently.
        const decoded = decodeXmlReferences(value);
        if (decoded !== undefined) value = decoded;
        else {
          if (!this.reportedEntities && UNDECLARED_ENTITY.test(value)) this.reportUndeclared();
          value = decodeHTMLStrict(value);
        }
      }
    }
    this.append(value);
  }

  private reportUndeclared(): void {
    this.reportedEntities = true;
    this.diagnostics.push({
      code: 'undeclared-entity',
      message: 'bare "&" or HTML entities that XML does not declare were read leniently',
    });
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.append(this.text.slice(start, endIndex - endOffset));
  }

  private append(value: string): void {
    const children = this.stack[this.stack.length - 1]!.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += value;
    else children.push(value);
  }

  onopentagname(start: number, endIndex: number): void {
    this.tagName = this.text.slice(start, endIndex);
    this.attrs = EMPTY_ATTRS;
    this.xAttrs = false;
  }

  onattribname(start: number, endIndex: number): void {
    this.attrName = this.text.slice(start, endIndex);
    this.attrValue = '';
  }

  onattribdata(start: number, endIndex: number): void {
    this.attrValue += this.text.slice(start, endIndex);
  }

  onattribend(): void {
    if (this.attrs === EMPTY_ATTRS) this.attrs = Object.create(null);
    if (this.attrName.charCodeAt(0) === 120 /* x */) this.xAttrs = true;
    // XML forbids repeated attributes; the first one is kept, as htmlparser2's parser does.
    if (!Object.hasOwn(this.attrs, this.attrName))
      this.attrs[this.attrName] = this.attrValue.includes('&')
        ? (this.entities?.decodeAttribute(this.attrValue) ?? decodeHTMLAttribute(this.attrValue))
        : this.attrValue;
  }

  onopentagend(): void {
    this.open();
  }

  onselfclosingtag(): void {
    if (this.open()) this.close(this.stack.length - 1);
    else this.popSkipped();
  }

  /** Opens the pending tag; false when it was too deep to keep (it is then only named on `skipped`). */
  private open(): boolean {
    const stack = this.stack;
    if (stack.length > MAX_DEPTH) {
      this.pushSkipped(this.tagName);
      if (!this.reportedDepth) {
        this.reportedDepth = true;
        this.diagnostics.push({
          code: 'too-deep',
          message: `elements nested deeper than ${MAX_DEPTH} were flattened into their ancestor (their text is kept)`,
        });
      }
      return false;
    }
    const parent = stack[stack.length - 1]!;
    const parentScope = this.scopes[this.scopes.length - 1]!;
    let scope = parentScope;
    let base = parent.base;
    let lang = parent.lang;
    const attrs = this.attrs;
    if (this.xAttrs) {
      for (const name in attrs) {
        if (name.charCodeAt(0) !== 120 /* x */) continue;
        const value = attrs[name]!;
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          // A child scope inherits its parent's declarations: copying them made every element
          // that declares one cost all the prefixes in scope (quadratic in a hostile feed).
          if (scope === parentScope) scope = Object.create(parentScope) as Record<string, string>;
          const canonical = canonicalNamespace(value);
          if (canonical !== value && !this.reportedAlias) this.reportAlias(value, canonical);
          scope[name === 'xmlns' ? '' : name.slice(6)] = canonical;
        } else if (name === 'xml:base') {
          base = resolveBase(value, parent.base ?? this.documentUrl) ?? base;
        } else if (name === 'xml:lang') {
          // xml:lang="" says the language is unknown (XML 1.0 §2.12): nothing is inherited.
          lang = languageTag(value);
        }
      }
    }
    const qname = this.tagName;
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    let ns = scope[prefix] ?? (prefix ? this.undeclared(prefix) : '');
    // RSS's own <link> has no attributes: an unprefixed one with href is Atom's, written without
    // its prefix (RSS feeds copying <atom:link rel="self">), unless a default namespace is set.
    if (ns === '' && qname === 'link' && attrs.href !== undefined && stack[1]?.local === 'rss') ns = NS.atom;
    const element: XmlElement = {
      ns,
      local: colon === -1 ? qname : qname.slice(colon + 1),
      qname,
      attrs,
      children: [],
      base,
      lang,
    };
    parent.children.push(element);
    stack.push(element);
    this.scopes.push(scope);
    return true;
  }

  private reportAlias(declared: string, canonical: string): void {
    this.reportedAlias = true;
    this.diagnostics.push({
      code: 'namespace-alias',
      message: `the namespace "${declared.trim().slice(0, 200)}" was read as ${canonical || 'no namespace (RSS 2.0)'}`,
    });
  }

  /** A prefix used without a declaration: the usual namespace for well-known ones (one diagnostic). */
  private undeclared(prefix: string): string {
    const usual = USUAL_PREFIXES.get(prefix);
    if (usual === undefined) return `urn:undeclared:${prefix}`;
    if (!this.reportedPrefix) {
      this.reportedPrefix = true;
      this.diagnostics.push({
        code: 'undeclared-prefix',
        message: `the prefix "${prefix}:" was used without a declaration; read as ${usual}`,
      });
    }
    return usual;
  }

  onclosetag(start: number, endIndex: number): void {
    // The tokenizer reports a closing tag at the space after its name: one whose '>' never
    // comes (`</rss` then a newline, then the end) was cut off, like `</rss` itself.
    if (this.text.charCodeAt(endIndex) !== 0x3e && this.text.indexOf('>', endIndex) === -1) return;
    const name = this.text.slice(start, endIndex);
    const skipped = this.skipped;
    if (skipped.length > 0) {
      // The innermost open element of that name may be a skipped one: close it and those inside it.
      const entry = this.skippedNames.get(name);
      if (entry !== undefined && entry.count > 0) {
        while (this.popSkipped() !== entry);
        return;
      }
    }
    const stack = this.stack;
    let index = stack.length - 1;
    while (index > 0 && stack[index]!.qname !== name) index--;
    // A closing tag that matches nothing open is ignored, as htmlparser2's parser does.
    if (index === 0) return;
    // It closes a kept element: the skipped ones inside it close with it.
    while (skipped.length > 0) this.popSkipped();
    if (index !== stack.length - 1 && !this.reportedNesting) {
      this.reportedNesting = true;
      this.diagnostics.push({
        code: 'bad-nesting',
        message: 'elements were closed in the wrong order; read as the closing tags imply',
      });
    }
    while (stack.length - 1 > index) this.close(stack.length - 1);
    this.close(index);
  }

  private pushSkipped(name: string): void {
    let entry = this.skippedNames.get(name);
    if (entry === undefined) {
      // A kept ancestor's closing tag still ends unnamed elements (it clears the whole stack).
      if (this.skippedNames.size >= MAX_SKIPPED_NAMES) entry = this.unnamed;
      else {
        entry = { name, count: 0 };
        this.skippedNames.set(name, entry);
      }
    }
    entry.count++;
    this.skipped.push(entry);
  }

  private popSkipped(): SkippedName | undefined {
    const entry = this.skipped.pop();
    if (entry !== undefined) entry.count--;
    return entry;
  }

  /** Pops the top element; a complete item or entry is handed to onRecord. */
  private close(index: number): void {
    const stack = this.stack;
    const element = stack.pop()!;
    this.scopes.pop();
    if (this.onRecord && index > 1 && RECORD_NAMES.has(element.local)) {
      const parent = stack[stack.length - 1]!;
      if (this.onRecord(element, parent, stack[1]!) && parent.children.at(-1) === element)
        parent.children.pop();
    }
  }

  onattribentity = noop;
  ontextentity = noop;
  oncomment = noop;
  ondeclaration = noop;
  onprocessinginstruction = noop;
  onend = noop;
}

function resolveBase(value: string, parentBase: string | undefined): string | undefined {
  const trimmed = value.trim();
  if (URL.canParse(trimmed)) return new URL(trimmed).href;
  if (parentBase && URL.canParse(trimmed, parentBase)) return new URL(trimmed, parentBase).href;
  return undefined;
}

/** Drops a cut-off item (an open item or entry) and reports the truncation. */
export function dropCutRecords(root: XmlElement, open: XmlElement[], diagnostics: Diagnostic[]): void {
  if (open.length === 0) return;
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
