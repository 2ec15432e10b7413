import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import type { Diagnostic, DiagnosticCode } from '../errors.ts';
import type { Doctype } from './read-doctype.ts';

/** How deep entity references may nest in replacement texts (real DTDs use two or three). */
const MAX_ENTITY_DEPTH = 8;
const REFERENCE = /&([^\s&;<>"'=#]+);/g;
const ANY_REFERENCE = /&(?:#[0-9]+|#x[0-9a-fA-F]+|([^\s&;<>"'=#]+));/y;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);
// The Netscape RSS 0.91 DTD declares the HTML 4 Latin-1 entities (HTMLlat1: U+00A0 to U+00FF).
const NETSCAPE_RSS_091 = '-//Netscape Communications//DTD RSS 0.91//EN';
const LATIN1 = new Set(
  (
    'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
    'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
    'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
    'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
    'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave ' +
    'iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ' +
    'ucirc uuml yacute thorn yuml'
  ).split(' '),
);

/**
 * Expands references to the entities of a document's internal subset (XML 1.0 §4.4), bounded:
 * nesting at most 8 deep, no self-reference, and at most `budget` characters produced in the
 * whole document. A reference past a bound, or to an external entity (never fetched), is kept
 * as written, with one diagnostic. Replacement text is read as character data, not as markup.
 */
export class EntityExpander {
  private spent = 0;
  /** Replacement texts already expanded; null for those too big for what is left of the budget. */
  private readonly expanded = new Map<string, string | null>();
  private readonly expanding = new Set<string>();
  private readonly reported = new Set<string>();
  private readonly latin1: boolean;

  constructor(
    private readonly doctype: Doctype,
    private readonly budget: number,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.latin1 =
      doctype.publicId === NETSCAPE_RSS_091 || (doctype.systemId?.endsWith('/rss-0.91.dtd') ?? false);
  }

  /** Character data: declared entities expanded, the rest decoded as HTML (with semicolons). */
  decodeText(value: string): string {
    return this.decode(value, decodeHTMLStrict);
  }

  /** An attribute value: declared entities expanded, the rest decoded as HTML attributes are. */
  decodeAttribute(value: string): string {
    return this.decode(value, decodeHTMLAttribute);
  }

  /** Whether the value has a bare '&' or a reference that neither XML nor the DTD declares. */
  hasUndeclared(value: string): boolean {
    for (let at = value.indexOf('&'); at !== -1; at = value.indexOf('&', at + 1)) {
      ANY_REFERENCE.lastIndex = at;
      const match = ANY_REFERENCE.exec(value);
      if (!match) return true;
      const name = match[1];
      if (
        name !== undefined &&
        !PREDEFINED.has(name) &&
        !this.doctype.entities.has(name) &&
        !(this.latin1 && LATIN1.has(name))
      )
        return true;
    }
    return false;
  }

  private decode(value: string, decodeRest: (text: string) => string): string {
    let out = '';
    let last = 0;
    for (const match of value.matchAll(REFERENCE)) {
      if (!this.doctype.entities.has(match[1]!)) continue;
      out += decodeRest(value.slice(last, match.index)) + this.use(match[1]!, match[0]);
      last = match.index + match[0].length;
    }
    return last === 0 ? decodeRest(value) : out + decodeRest(value.slice(last));
  }

  /** A top-level reference: its expansion if the budget allows, else the reference as written. */
  private use(name: string, reference: string): string {
    const expansion = this.expand(name, 0);
    if (expansion === undefined) return reference;
    if (this.spent + expansion.length > this.budget) {
      this.report('entity-limit', `entities would expand past ${this.budget} characters; left as written`);
      return reference;
    }
    this.spent += expansion.length;
    return expansion;
  }

  private expand(name: string, depth: number): string | undefined {
    const known = this.expanded.get(name);
    if (known !== undefined) return known ?? undefined;
    const declaration = this.doctype.entities.get(name)!;
    if (declaration.kind === 'external') {
      this.report(
        'external-entity',
        'external entities are never fetched; their references were left as written',
      );
      return undefined;
    }
    if (this.expanding.has(name) || depth >= MAX_ENTITY_DEPTH) {
      this.report(
        'entity-limit',
        `entities nested deeper than ${MAX_ENTITY_DEPTH} or referring to themselves were left as written`,
      );
      return undefined;
    }
    const room = this.budget - this.spent;
    const value = declaration.value;
    let out = '';
    let last = 0;
    this.expanding.add(name);
    try {
      for (const match of value.matchAll(REFERENCE)) {
        if (!this.doctype.entities.has(match[1]!)) continue;
        const inner = this.expand(match[1]!, depth + 1);
        if (inner === undefined) return undefined;
        out += decodeHTMLStrict(value.slice(last, match.index)) + inner;
        last = match.index + match[0].length;
        if (out.length > room) return this.tooBig(name);
      }
    } finally {
      this.expanding.delete(name);
    }
    out = last === 0 ? decodeHTMLStrict(value) : out + decodeHTMLStrict(value.slice(last));
    if (out.length > room) return this.tooBig(name);
    this.expanded.set(name, out);
    return out;
  }

  /** The budget only shrinks, so an entity too big now stays too big. */
  private tooBig(name: string): undefined {
    this.expanded.set(name, null);
    this.report('entity-limit', `entities would expand past ${this.budget} characters; left as written`);
    return undefined;
  }

  private report(code: DiagnosticCode, message: string): void {
    if (this.reported.has(code)) return;
    this.reported.add(code);
    this.diagnostics.push({ code, message });
  }
}
