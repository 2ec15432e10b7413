import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';

// XML whitespace only (XML 1.0 §2.3 S): U+00A0 and other Unicode spaces are content, never folded.
// A lone space folds to itself, so only longer runs and tab, CR, LF need replacing (most text
// has none, and Latin text has a lone space every few characters).
const NEEDS_FOLD = /[\t\r\n]| {2}/;
const FOLDABLE = /[ \t\r\n]{2,}|[\t\r\n]/g;

/**
 * Elements whose text a browser does not show (with scripts on): a script's code or a style
 * sheet in a title, or in a body a title is made from, is not the text a reader sees.
 */
const UNSHOWN = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe']);

/**
 * Plain text from a title that may hold markup or entities: tags stripped, the text of elements
 * never shown left out, whitespace folded.
 */
export function plainText(value: string | undefined): string {
  if (!value) return '';
  let text = value;
  if (text.includes('<')) {
    let out = '';
    let unshown = 0;
    const parser = new Parser(
      {
        onopentagname(name) {
          if (UNSHOWN.has(name)) unshown++;
        },
        onclosetag(name) {
          if (unshown > 0 && UNSHOWN.has(name)) unshown--;
        },
        ontext(data) {
          if (unshown === 0) out += data;
        },
      },
      { decodeEntities: true },
    );
    parser.end(text);
    text = out;
  } else if (text.includes('&')) {
    text = decodeHTMLStrict(text);
  }
  return literalText(text);
}

/**
 * Text that is already plain (Atom type="text", JSON Feed): only whitespace is folded.
 * (parseFeed has already removed the characters XML forbids from the whole document.)
 */
export function literalText(value: string | undefined): string {
  if (!value) return '';
  const folded = NEEDS_FOLD.test(value) ? value.replace(FOLDABLE, ' ') : value;
  // String.prototype.trim would also strip U+00A0: after folding only one space can be at each end.
  const start = folded.charCodeAt(0) === 32 ? 1 : 0;
  const end =
    folded.length > start && folded.charCodeAt(folded.length - 1) === 32 ? folded.length - 1 : folded.length;
  return start === 0 && end === folded.length ? folded : folded.slice(start, end);
}

/** Trims XML whitespace (space, tab, CR, LF) only, keeping U+00A0 and other Unicode spaces. */
export function trimXmlSpace(value: string): string {
  // A scan from each end: a regex anchored at the end would walk the whole (often large) body.
  let start = 0;
  let end = value.length;
  while (start < end && isXmlSpace(value.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isXmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}
