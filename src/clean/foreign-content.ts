// The rules of foreign content (svg, math) that decide how markup after them is read: HTML
// §13.2.6 (the tree construction dispatcher) and §13.2.6.5. An open element is an HTML element,
// or an svg/math element that may be an integration point (content inside follows HTML's rules).

/** An HTML element. */
export const HTML = 0;
/** An svg element. */
export const SVG = 1;
/** svg foreignObject, desc, title: an HTML integration point. */
export const SVG_HTML_POINT = 2;
/** A math element. */
export const MATH = 3;
/** math mi, mo, mn, ms, mtext: a MathML text integration point. */
export const MATH_TEXT_POINT = 4;
/** math annotation-xml with encoding text/html or application/xhtml+xml: an HTML integration point. */
export const MATH_HTML_POINT = 5;
/** Any other math annotation-xml: an `<svg>` start tag inside is HTML's. */
export const MATH_ANNOTATION = 6;
/** What an open element is: one of the constants above. */
export type ElementKind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const SVG_HTML_POINTS = new Set(['foreignobject', 'desc', 'title']);
const MATH_TEXT_POINTS = new Set(['mi', 'mo', 'mn', 'ms', 'mtext']);
/** Start tags that end foreign content (HTML §13.2.6.5); `font` only with color, face or size. */
export const BREAKOUT_TAGS: ReadonlySet<string> = new Set([
  'b',
  'big',
  'blockquote',
  'body',
  'br',
  'center',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'head',
  'hr',
  'i',
  'img',
  'li',
  'listing',
  'menu',
  'meta',
  'nobr',
  'ol',
  'p',
  'pre',
  'ruby',
  's',
  'small',
  'span',
  'strong',
  'strike',
  'sub',
  'sup',
  'table',
  'tt',
  'u',
  'ul',
  'var',
]);
/** Whether text and start tags inside an element of this kind follow HTML's rules. */
export function isHtmlContext(kind: ElementKind): boolean {
  return kind === HTML || kind === SVG_HTML_POINT || kind === MATH_HTML_POINT || kind === MATH_TEXT_POINT;
}

/** The kind of a foreign element `name` inserted inside an element of foreign kind `parent`. */
export function foreignKind(name: string, parent: ElementKind): ElementKind {
  if (parent === SVG || parent === SVG_HTML_POINT) return SVG_HTML_POINTS.has(name) ? SVG_HTML_POINT : SVG;
  if (MATH_TEXT_POINTS.has(name)) return MATH_TEXT_POINT;
  return name === 'annotation-xml' ? MATH_ANNOTATION : MATH;
}

/** Whether an annotation-xml `encoding` makes it an HTML integration point. */
export function isHtmlEncoding(encoding: string | undefined): boolean {
  const value = encoding?.toLowerCase();
  return value === 'text/html' || value === 'application/xhtml+xml';
}
