import { IMPLIES_CLOSE } from './implies-close.ts';

// The writer drops and unwraps elements, which changes what is open when a later start tag
// comes. A parser reading the output would then end elements the writer still thinks open
// (`<p><x><table>` → `x` unwrapped → `<p><table>` ends the p). So before writing a start tag the
// writer ends, explicitly, every open element that htmlparser2's rules or the HTML tree builder's
// common rules (HTML §13.2.6.4.7: p in button scope, li/dd/dt, nested a) would end: its output
// then reads back as the same tree, in feedmill and in browsers.

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const HEADING_SET: ReadonlySet<string> = new Set(HEADINGS);
/** Start tags that close a `<p>` in button scope (the block starts of the tree builder). */
export const BLOCK_STARTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dd',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'hr',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'ul',
  ...HEADINGS,
]);
/** Elements that bound "has an element in (button) scope". */
const SCOPE_BOUNDARIES = new Set([
  'applet',
  'caption',
  'html',
  'table',
  'td',
  'th',
  'marquee',
  'object',
  'template',
  'button',
]);
/** "Special" elements that stop the search for an open li/dd/dt (address, div and p do not). */
const SPECIAL = new Set([
  'article',
  'aside',
  'blockquote',
  'caption',
  'col',
  'colgroup',
  'details',
  'dl',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'br',
  'iframe',
  'main',
  'ol',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'wbr',
]);
const LIST_ITEMS: Record<string, ReadonlySet<string>> = {
  li: new Set(['li']),
  dd: new Set(['dd', 'dt']),
  dt: new Set(['dd', 'dt']),
};

/** Start tags that can end anything at all (most, like span or img, end nothing). */
const MAY_END: ReadonlySet<string> = new Set([
  ...IMPLIES_CLOSE.keys(),
  ...BLOCK_STARTS,
  'li',
  'dd',
  'dt',
  'a',
]);

/**
 * How many of the open elements (innermost last) a start tag `name` ends: the count to close
 * from the top of the stack. Zero when it ends none.
 */
export function impliedEnds(name: string, open: readonly string[]): number {
  if (!MAY_END.has(name)) return 0;
  let count = 0;
  // htmlparser2: the current node, repeatedly, if the start tag implies its end.
  const closes = IMPLIES_CLOSE.get(name);
  if (closes) while (count < open.length && closes.has(open[open.length - 1 - count]!)) count++;
  // HTML tree builder: a p in button scope.
  if (BLOCK_STARTS.has(name))
    count = Math.max(
      count,
      depthOf(open, (element) => element === 'p', SCOPE_BOUNDARIES),
    );
  // HTML tree builder: an open li (dd, dt) unless a special element comes first.
  const items = LIST_ITEMS[name];
  if (items)
    count = Math.max(
      count,
      depthOf(open, (element) => items.has(element), SPECIAL),
    );
  // HTML tree builder: `<a>` inside an open `<a>` ends the outer one (adoption agency).
  if (name === 'a')
    count = Math.max(
      count,
      depthOf(open, (element) => element === 'a', SCOPE_BOUNDARIES),
    );
  // HTML tree builder: a heading start tag, once a p is closed, ends a heading that is then the
  // current node (`<h2><p>x<h2>` ends the p and the outer h2).
  if (HEADING_SET.has(name) && HEADING_SET.has(open[open.length - 1 - count] ?? '')) count++;
  return count;
}

/** Elements to close (from the top) to end the innermost match, stopping at a boundary; 0 if none. */
function depthOf(
  open: readonly string[],
  matches: (name: string) => boolean,
  boundaries: ReadonlySet<string>,
): number {
  for (let index = open.length - 1; index >= 0; index--) {
    const element = open[index]!;
    if (matches(element)) return open.length - index;
    if (boundaries.has(element)) return 0;
  }
  return 0;
}
