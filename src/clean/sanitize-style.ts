/**
 * Filters an inline `style` attribute: only allowlisted properties, and no value that can load
 * or run anything (`url(`, `expression(`, `behavior`, `-moz-binding`, `javascript:`) or escape
 * the post: `position`, and the other way to lay a box over the page around it, a negative
 * margin with a size in viewport units, and lengths far past anything a post needs (see REACH).
 * Returns undefined when nothing is left.
 */
export function sanitizeStyle(style: string, properties: ReadonlySet<string>): string | undefined {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (!properties.has(property) || value === '' || !isSafeValue(value)) continue;
    if (VIEWPORT_UNIT.test(value) || (property.startsWith('margin') && value.includes('-'))) continue;
    if (!withinReach(property, value)) continue;
    kept.push(`${property}: ${value}`);
  }
  return kept.length > 0 ? kept.join('; ') : undefined;
}

// CSS escapes (`\75 rl(`) and comments (`expr/**/ession(`) can hide a name from the word check,
// so a value holding a backslash or a slash is refused outright rather than decoded.
const UNSAFE =
  /[\\/<>{}@;&\u0000-\u001f\u007f]|expression|behavior|binding|javascript|vbscript|url|image|import|fixed|sticky/i;
// vw, vh, vmin, vmax and their small/large/dynamic and inline/block forms (CSS Values 4 §6.1.2),
// and the container query units, which are small viewport units where no ancestor is declared a
// query container (CSS Containment 3 §7.3), as in most themes.
const VIEWPORT_UNIT = /\d\s*(?:[sld]?v|cq)(?:w|h|i|b|min|max)\b/i;
const ALLOWED_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'calc']);

function isSafeValue(value: string): boolean {
  if (UNSAFE.test(value)) return false;
  if (!value.includes('(')) return true;
  for (const match of value.toLowerCase().matchAll(/([a-z-]*)\s*\(/g))
    if (!ALLOWED_FUNCTIONS.has(match[1]!)) return false;
  return true;
}

/** The largest lengths a property may take: in CSS pixels (an em as 16), in percent, unitless. */
interface Reach {
  px: number;
  percent: number;
  unitless?: number;
}

// A margin moves its own box (and only a block's, in the vertical); padding widens the box a
// link's clicks land on without moving anything around it, so it gets the lower ceiling.
const MARGIN: Reach = { px: 480, percent: 50 };
const PADDING: Reach = { px: 160, percent: 50 };
const BOX: Reach = { px: 2000, percent: 100 };
/**
 * Ceilings for the properties that size or offset something. An inline element's padding and
 * border cover the text around it (and take its clicks) without moving it, so a link with
 * `padding: 3000px` lies over the whole page; a huge font, box, indent or margin reaches over
 * the theme beside the post. The ceilings are far above what feeds write (a 2.5em heading, a
 * 640px figure, a -2em hanging indent, a 15em margin).
 */
const REACH: Record<string, Reach> = {
  'font-size': { px: 96, percent: 600 },
  'line-height': { px: 160, percent: 1000, unitless: 10 },
  'letter-spacing': { px: 160, percent: 100 },
  'text-indent': { px: 160, percent: 100 },
  margin: MARGIN,
  'margin-top': MARGIN,
  'margin-bottom': MARGIN,
  'margin-left': MARGIN,
  'margin-right': MARGIN,
  padding: PADDING,
  'padding-top': PADDING,
  'padding-bottom': PADDING,
  'padding-left': PADDING,
  'padding-right': PADDING,
  border: { px: 16, percent: 0 },
  width: BOX,
  'max-width': BOX,
  height: { px: 4000, percent: 100 },
  'max-height': { px: 4000, percent: 100 },
};

/** CSS pixels per unit (CSS Values 4 §6); relative units at a 16px font; others as an em. */
const PIXELS: Record<string, number> = {
  px: 1,
  em: 16,
  rem: 16,
  ex: 8,
  rex: 8,
  ch: 8,
  rch: 8,
  lh: 24,
  rlh: 24,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
};

// A number with its unit; not digits inside a name or a hex colour (`#1e4e4e`).
const NUMBER = /(?<![\w#.-])[+-]?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?([a-z]+|%)?/gi;

function withinReach(property: string, value: string): boolean {
  const reach = REACH[property];
  if (reach === undefined) return true;
  // A product in calc() can pass a ceiling that each of its numbers keeps under.
  if (value.includes('*')) return false;
  for (const [, digits, exponent, unit] of value.matchAll(NUMBER)) {
    const magnitude = Number(digits! + (exponent ?? ''));
    const limit =
      unit === undefined
        ? (reach.unitless ?? Number.POSITIVE_INFINITY)
        : unit === '%'
          ? reach.percent
          : reach.px / (PIXELS[unit.toLowerCase()] ?? 16);
    if (!(magnitude <= limit)) return false;
  }
  return true;
}
