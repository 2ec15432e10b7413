/** A general entity declared in the internal subset (XML 1.0 §4.2). */
export type EntityDeclaration =
  /** Its replacement text, character references already expanded (§4.5). */
  | { kind: 'internal'; value: string }
  /** SYSTEM or PUBLIC: never fetched. */
  | { kind: 'external' };

/** What the document type declaration says, and where it is in the text. */
export interface Doctype {
  /** Offset of `<!DOCTYPE` and just past its closing `>`. */
  start: number;
  end: number;
  publicId: string | undefined;
  systemId: string | undefined;
  /** Whether it has an internal subset (`[ … ]`), which the tokenizer cannot read. */
  hasSubset: boolean;
  /** General entities, the first declaration of a name binding (§4.2). */
  entities: Map<string, EntityDeclaration>;
}

// XML 1.0 §4.6: these are always there; a document may only redeclare them to the same effect.
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);
const NAME = /[^\s"'<>%&;[\]/=]+/y;
const CHAR_REF = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/g;
/** How far into the document the prolog may reach before the root element. */
const PROLOG_LIMIT = 1 << 20;

/**
 * Reads the DOCTYPE in the prolog (after the XML declaration, comments and processing
 * instructions): its external ids and the general entities of its internal subset. Parameter
 * entities and every other declaration are skipped; nothing is ever fetched.
 */
export function readDoctype(text: string): Doctype | undefined {
  let at = 0;
  const limit = Math.min(text.length, PROLOG_LIMIT);
  while (at < limit) {
    at = skipSpace(text, at);
    if (text.startsWith('<?', at)) at = after(text, '?>', at + 2);
    else if (text.startsWith('<!--', at)) at = after(text, '-->', at + 4);
    else if (text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') return readDeclaration(text, at);
    else return undefined;
    if (at === -1) return undefined;
  }
  return undefined;
}

function readDeclaration(text: string, start: number): Doctype | undefined {
  let at = skipSpace(text, start + 9);
  const name = readName(text, at);
  if (name === undefined) return undefined;
  at = skipSpace(text, at + name.length);
  const ids = readExternalId(text, at);
  if (ids === null) return undefined;
  at = skipSpace(text, ids.end);
  const entities = new Map<string, EntityDeclaration>();
  let hasSubset = false;
  if (text[at] === '[') {
    hasSubset = true;
    const end = readSubset(text, at + 1, entities);
    if (end === -1) return undefined;
    at = skipSpace(text, end + 1);
  }
  if (text[at] !== '>') return undefined;
  return { start, end: at + 1, publicId: ids.publicId, systemId: ids.systemId, hasSubset, entities };
}

/** Reads `SYSTEM "…"` or `PUBLIC "…" "…"` (§4.2.2); null when it is malformed. */
function readExternalId(
  text: string,
  at: number,
): { publicId: string | undefined; systemId: string | undefined; end: number } | null {
  if (text.startsWith('SYSTEM', at)) {
    const system = readQuoted(text, skipSpace(text, at + 6));
    return system ? { publicId: undefined, systemId: system.value, end: system.end } : null;
  }
  if (text.startsWith('PUBLIC', at)) {
    const publicId = readQuoted(text, skipSpace(text, at + 6));
    if (!publicId) return null;
    const system = readQuoted(text, skipSpace(text, publicId.end));
    return { publicId: publicId.value, systemId: system?.value, end: system?.end ?? publicId.end };
  }
  return { publicId: undefined, systemId: undefined, end: at };
}

/** Reads the internal subset up to its `]`; returns the offset of the `]`, -1 if there is none. */
function readSubset(text: string, from: number, entities: Map<string, EntityDeclaration>): number {
  let at = from;
  while (at < text.length) {
    at = skipSpace(text, at);
    const char = text[at];
    if (char === ']') return at;
    if (text.startsWith('<!--', at)) at = after(text, '-->', at + 4);
    else if (text.startsWith('<?', at)) at = after(text, '?>', at + 2);
    else if (text.startsWith('<!ENTITY', at)) at = readEntity(text, at + 8, entities);
    else if (text.startsWith('<!', at)) at = afterDeclaration(text, at + 2);
    // A parameter-entity reference (%name;): external markup that is not read.
    else if (char === '%') at = after(text, ';', at + 1);
    else at++;
    if (at === -1) return -1;
  }
  return -1;
}

/** Reads one `<!ENTITY …>` (§4.2) from just after its keyword; returns the offset past it. */
function readEntity(text: string, from: number, entities: Map<string, EntityDeclaration>): number {
  let at = skipSpace(text, from);
  const parameter = text[at] === '%';
  if (parameter) at = skipSpace(text, at + 1);
  const name = readName(text, at);
  if (name === undefined) return afterDeclaration(text, at);
  at = skipSpace(text, at + name.length);
  let declaration: EntityDeclaration;
  const literal = readQuoted(text, at);
  if (literal) {
    declaration = { kind: 'internal', value: expandCharRefs(literal.value) };
    at = literal.end;
  } else {
    declaration = { kind: 'external' };
  }
  // Parameter entities only shape the DTD, which is not validated: they are ignored.
  if (!parameter && !PREDEFINED.has(name) && !entities.has(name)) entities.set(name, declaration);
  return afterDeclaration(text, at);
}

/** The offset past the `>` that ends a markup declaration, skipping quoted literals. */
function afterDeclaration(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const char = text[at];
    if (char === '>') return at + 1;
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, at + 1);
      if (close === -1) return -1;
      at = close + 1;
    } else at++;
  }
  return -1;
}

function readQuoted(text: string, at: number): { value: string; end: number } | undefined {
  const quote = text[at];
  if (quote !== '"' && quote !== "'") return undefined;
  const close = text.indexOf(quote, at + 1);
  if (close === -1) return undefined;
  return { value: text.slice(at + 1, close), end: close + 1 };
}

function readName(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) break;
    at++;
  }
  return at;
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at === -1 ? -1 : at + token.length;
}

/** §4.5: character references in an entity value are replaced when it is declared. */
function expandCharRefs(value: string): string {
  if (!value.includes('&#')) return value;
  return value.replace(CHAR_REF, (reference, hex: string | undefined, decimal: string | undefined) => {
    const code = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
      ? String.fromCodePoint(code)
      : reference;
  });
}
