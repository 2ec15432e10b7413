/**
 * Filters an inline `style` attribute: only allowlisted properties, and no value that can load
 * or run anything (`url(`, `expression(`, `behavior`, `-moz-binding`, `javascript:`) or escape
 * the post: `position`, and the other way to lay a box over the page around it, a negative
 * margin with a size in viewport units. Returns undefined when nothing is left.
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
