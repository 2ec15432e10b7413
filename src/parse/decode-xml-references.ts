import { replaceCodePoint } from 'entities/decode';

const SEMICOLON = 0x3b;
const HASH = 0x23;

/**
 * Character data with XML's own references decoded (XML 1.0 §4.1 character references and the
 * five predefined entities of §4.6), exactly as entities' decodeHTMLStrict decodes them; or
 * undefined when the text holds any other '&' (an HTML entity, a bare '&'), which the caller
 * then reads leniently. One pass, where the lenient path scans twice (check, then decode).
 */
export function decodeXmlReferences(value: string): string | undefined {
  let at = value.indexOf('&');
  if (at === -1) return value;
  let out = '';
  let last = 0;
  while (at !== -1) {
    let replacement: string;
    let end: number;
    const next = value.charCodeAt(at + 1);
    if (next === HASH) {
      end = numericEnd(value, at + 2);
      if (end === -1) return undefined;
      replacement = numericValue;
    } else {
      replacement = predefined(value, at + 1, next);
      if (replacement === '') return undefined;
      end = predefinedEnd;
    }
    if (last !== at) out += value.slice(last, at);
    out += replacement;
    last = end;
    at = value.indexOf('&', end);
  }
  return last === value.length ? out : out + value.slice(last);
}

// Where the last match ended, handed back beside the replacement to spare an allocation.
let predefinedEnd = 0;
let numericValue = '';

/** The character a predefined entity (amp, lt, gt, quot, apos) at `start` stands for, or ''. */
function predefined(value: string, start: number, first: number): string {
  const c1 = value.charCodeAt(start + 1);
  const c2 = value.charCodeAt(start + 2);
  if (first === 0x6c /* l */ || first === 0x67 /* g */) {
    if (c1 !== 0x74 /* t */ || c2 !== SEMICOLON) return '';
    predefinedEnd = start + 3;
    return first === 0x6c ? '<' : '>';
  }
  const c3 = value.charCodeAt(start + 3);
  if (first === 0x61 /* a */ && c1 === 0x6d /* m */ && c2 === 0x70 /* p */ && c3 === SEMICOLON) {
    predefinedEnd = start + 4;
    return '&';
  }
  const c4 = value.charCodeAt(start + 4);
  if (c4 !== SEMICOLON) return '';
  predefinedEnd = start + 5;
  if (first === 0x71 /* q */ && c1 === 0x75 /* u */ && c2 === 0x6f /* o */ && c3 === 0x74 /* t */) return '"';
  if (first === 0x61 /* a */ && c1 === 0x70 /* p */ && c2 === 0x6f /* o */ && c3 === 0x73 /* s */) return "'";
  return '';
}

/**
 * The end of a character reference whose digits start at `start` (after "&#"), with its
 * character in `numericValue`; -1 without digits or the closing ';'. Values past U+10FFFF,
 * surrogates and NUL become U+FFFD, and 128–159 their windows-1252 characters, as in HTML.
 */
function numericEnd(value: string, start: number): number {
  let index = start;
  let code = 0;
  if ((value.charCodeAt(index) | 0x20) === 0x78 /* x */) {
    index++;
    for (
      let digit = hexDigit(value.charCodeAt(index));
      digit !== -1;
      digit = hexDigit(value.charCodeAt(index))
    ) {
      code = code * 16 + digit;
      index++;
    }
    if (index === start + 1) return -1;
  } else {
    for (let char = value.charCodeAt(index); char >= 0x30 && char <= 0x39; char = value.charCodeAt(index)) {
      code = code * 10 + (char - 0x30);
      index++;
    }
    if (index === start) return -1;
  }
  if (value.charCodeAt(index) !== SEMICOLON) return -1;
  numericValue = String.fromCodePoint(replaceCodePoint(code > 0x10ffff ? 0x110000 : code));
  return index + 1;
}

function hexDigit(char: number): number {
  if (char >= 0x30 && char <= 0x39) return char - 0x30;
  const lower = char | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
