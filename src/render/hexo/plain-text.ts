import { Parser } from 'htmlparser2';

const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);

/**
 * A feed string as one line of plain text for front matter: markup stripped, entities decoded,
 * control, bidi-override and zero-width characters removed, whitespace and newlines folded.
 */
export function plainText(value: string): string {
  let text = '';
  let hidden = 0;
  if (/[<&]/.test(value)) {
    const parser = new Parser(
      {
        onopentag(name) {
          if (HIDDEN.has(name)) hidden++;
        },
        onclosetag(name) {
          if (HIDDEN.has(name) && hidden > 0) hidden--;
        },
        ontext(data) {
          if (hidden === 0) text += data;
        },
      },
      { decodeEntities: true },
    );
    parser.end(value);
  } else text = value;
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim();
}
