import { BLOCK_STARTS } from './implied-ends.ts';

// The formatting elements of HTML §13.2.4.3: ended early by a block (`<p><b>x<p>y`), a browser
// reopens them at the next text or inline element, so the writer does too.
export const FORMATTING: ReadonlySet<string> = new Set([
  'a',
  'b',
  'big',
  'code',
  'em',
  'font',
  'i',
  'nobr',
  's',
  'small',
  'strike',
  'strong',
  'tt',
  'u',
]);
/** Start tags before which a browser does not reopen formatting elements (block starts). */
export const NO_REOPEN: ReadonlySet<string> = new Set([
  ...BLOCK_STARTS,
  'form',
  'hr',
  'li',
  'dd',
  'dt',
  'textarea',
  'plaintext',
]);
/** Where formatting elements from outside are not reopened (cells and captions are markers). */
export const REOPEN_BARRIERS: ReadonlySet<string> = new Set([
  'table',
  'caption',
  'colgroup',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
]);
/** At most this many elements wait to be reopened (HTML caps identical ones at three). */
export const MAX_REOPEN = 12;
