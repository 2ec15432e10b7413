// Content that HTML's tree builder would move out of a table ("foster parenting", HTML
// §13.2.6.1) makes the output read back differently in browsers. The writer therefore places
// everything where the table model allows it: cells and rows only in their parents (misplaced
// ones are unwrapped), and text or other elements directly in a table, section or row inside
// an implicit cell.

const ROW_PARENTS = new Set(['table', 'tbody', 'thead', 'tfoot']);
const TABLE_PARTS = new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);
const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'colgroup']);

/** Where an element goes: after ending `close` open elements and opening `implicit` ones. */
export type Placement = { close: number; implicit: readonly string[] } | 'unwrap';

const HERE: Placement = { close: 0, implicit: [] };

/**
 * Placement of a start tag `name` given the open elements (innermost last); only the first
 * `depth` of them count (the others are about to be ended).
 */
export function placeElement(name: string, open: readonly string[], depth = open.length): Placement {
  const top = open[depth - 1];
  if (top === undefined) return TABLE_PARTS.has(name) ? 'unwrap' : HERE;
  if (!TABLE_CONTEXT.has(top) && !TABLE_PARTS.has(name)) return HERE;
  switch (name) {
    case 'td':
    case 'th':
      if (top === 'tr') return HERE;
      if (top === 'colgroup') return withClose(placeElement(name, open, depth - 1));
      if (top === 'table') return { close: 0, implicit: ['tbody', 'tr'] };
      return ROW_PARENTS.has(top) ? { close: 0, implicit: ['tr'] } : 'unwrap';
    case 'tr':
      if (top === 'colgroup') return withClose(placeElement(name, open, depth - 1));
      // Rows always sit in a section: browsers add the <tbody> themselves.
      if (top === 'table') return { close: 0, implicit: ['tbody'] };
      return ROW_PARENTS.has(top) ? HERE : 'unwrap';
    case 'col':
      return top === 'colgroup' || top === 'table' ? HERE : 'unwrap';
    case 'tbody':
    case 'thead':
    case 'tfoot':
    case 'caption':
    case 'colgroup':
      // Directly in the table: end the open table parts down to it.
      for (let index = depth - 1; index >= 0; index--) {
        if (open[index] === 'table') return { close: depth - 1 - index, implicit: [] };
        if (!TABLE_PARTS.has(open[index]!)) return 'unwrap';
      }
      return 'unwrap';
    default:
      return placeContent(open, depth);
  }
}

/** Placement of text or a non-table element given the open elements (the first `depth`). */
export function placeContent(open: readonly string[], depth = open.length): Placement {
  const top = open[depth - 1];
  if (top === 'tr') return { close: 0, implicit: ['td'] };
  if (top === 'colgroup') return withClose(placeContent(open, depth - 1));
  if (top === 'table') return { close: 0, implicit: ['tbody', 'tr', 'td'] };
  if (top !== undefined && ROW_PARENTS.has(top)) return { close: 0, implicit: ['tr', 'td'] };
  return HERE;
}

/** Whether content directly in element `name` would be moved out of a table by browsers. */
export function isTableContext(name: string | undefined): boolean {
  return name !== undefined && TABLE_CONTEXT.has(name);
}

function withClose(placement: Placement): Placement {
  return placement === 'unwrap' ? placement : { ...placement, close: placement.close + 1 };
}
