import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Diagnostic } from '../errors.ts';
import { guessLegacyEncoding } from './guess-legacy-encoding.ts';
import { decodeStrictUtf8 } from './utf8.ts';

// WHATWG UTF-8 decode (replacement on errors); measurably faster than Buffer#toString for CJK.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Text decoded from a feed's bytes, with the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: string;
  diagnostics: Diagnostic[];
  /** True when decoding already checked the text for characters XML forbids (there are none). */
  clean?: boolean;
}

// WHATWG Encoding: labels that name another encoding (gb2312 is decoded as GBK).
const LABEL_ALIASES: Record<string, string> = {
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  gb_2312: 'gbk',
  'gb_2312-80': 'gbk',
  chinese: 'gbk',
  'iso-8859-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  latin1: 'windows-1252',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'big5-hkscs': 'big5',
  'cn-big5': 'big5',
  'x-x-big5': 'big5',
  ms932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms_kanji: 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'ks_c_5601-1987': 'euc-kr',
  'ks_c_5601-1989': 'euc-kr',
  ksc5601: 'euc-kr',
  ksc_5601: 'euc-kr',
  windows_949: 'euc-kr',
  'windows-949': 'euc-kr',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso_8859_1: 'windows-1252',
  'iso-ir-100': 'windows-1252',
  l1: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  'iso-8859-8-i': 'iso-8859-8',
  'utf-16': 'utf-16le',
  'ucs-2': 'utf-16le',
  unicode: 'utf-16le',
  unicodefffe: 'utf-16be',
};

/**
 * Decodes feed bytes: BOM first, then the HTTP charset, then the XML declaration, then
 * sniffing (WHATWG Encoding; XML 1.0 Appendix F). Valid UTF-8 wins over a wrong label.
 */
export function decodeBytes(input: Uint8Array, contentType?: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  const bom = sniffBom(input);
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const strict = bom.encoding === 'utf-8' ? decodeStrictUtf8(body) : undefined;
    if (strict) return { ...strict, encoding: 'utf-8', diagnostics };
    return { text: decodeWith(body, bom.encoding), encoding: bom.encoding, diagnostics };
  }
  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) return { text: iconv.decode(bytes, utf16), encoding: utf16, diagnostics };

  const httpLabel = labelFromContentType(contentType);
  // WHATWG: an XML declaration cannot name UTF-16 for bytes that are ASCII-compatible.
  const xmlLabel = labelFromXmlDeclaration(bytes);
  const declared = httpLabel ?? (xmlLabel && !/^utf-?16/i.test(xmlLabel) ? xmlLabel : undefined);
  const label = declared ? normalizeLabel(declared) : undefined;
  const utf8 = decodeStrictUtf8(bytes);
  if (label && label !== 'utf-8' && iconv.encodingExists(label)) {
    if (label === 'utf-16le' || label === 'utf-16be')
      return { text: decodeWith(bytes, label), encoding: label, diagnostics };
    if (utf8 && !isAscii(bytes)) {
      diagnostics.push({
        code: 'encoding-mismatch',
        message: `declared ${declared} but the bytes are valid UTF-8; read as UTF-8`,
      });
      return { ...utf8, encoding: 'utf-8', diagnostics };
    }
    return { text: decodeWith(bytes, label), encoding: label, diagnostics };
  }
  if (label && label !== 'utf-8')
    diagnostics.push({ code: 'encoding-unknown', message: `unknown encoding ${declared}; tried UTF-8` });
  if (utf8) return { ...utf8, encoding: 'utf-8', diagnostics };
  // Not UTF-8. Text with real UTF-8 sequences and a few bad bytes is UTF-8 with damage;
  // text with none is in a legacy encoding nobody declared (GBK for most Chinese feeds).
  const stats = utf8Stats(bytes);
  if (stats.valid > 0 && stats.invalid * 8 <= stats.valid) {
    diagnostics.push({
      code: 'invalid-utf8',
      message: `${stats.invalid} invalid UTF-8 byte sequences were replaced with U+FFFD`,
    });
    return { text: utf8Decoder.decode(bytes), encoding: 'utf-8', diagnostics };
  }
  const guess = guessLegacyEncoding(bytes);
  diagnostics.push({
    code: 'encoding-sniffed',
    message: `${label === 'utf-8' ? 'declared UTF-8 but the bytes are not' : 'no usable charset declared'}; bytes look like ${guess}`,
  });
  return { text: decodeWith(bytes, guess), encoding: guess, diagnostics };
}

// WHATWG Encoding: the gbk decoder is the gb18030 one, big5 includes HKSCS, euc-kr is windows-949.
const DECODERS: Record<string, string> = { gbk: 'gb18030', big5: 'big5hkscs', 'euc-kr': 'cp949' };

function decodeWith(bytes: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return utf8Decoder.decode(bytes);
  return iconv.decode(bytes, Object.hasOwn(DECODERS, encoding) ? DECODERS[encoding]! : encoding);
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return undefined;
}

function sniffUtf16WithoutBom(bytes: Uint8Array): string | undefined {
  // XML 1.0 Appendix F: "<?" encoded as UTF-16 without a byte order mark.
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  return undefined;
}

function labelFromContentType(contentType?: string): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)"?/i);
  return match?.[1];
}

function labelFromXmlDeclaration(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 512).toString('latin1');
  const match = head.match(/^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1];
}

function normalizeLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  return Object.hasOwn(LABEL_ALIASES, lower) ? LABEL_ALIASES[lower]! : lower;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes (RFC 3629 §4). */
function utf8Stats(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    let needed: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [needed, min] = [1, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [needed, min] = [2, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [needed, min] = [3, 0x10000];
    else {
      invalid++;
      index++;
      continue;
    }
    let code = byte & (0x3f >> needed);
    let ok = index + needed < length;
    for (let k = 1; ok && k <= needed; k++) {
      const next = bytes[index + k]!;
      if ((next & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (next & 0x3f);
    }
    if (ok && code >= min && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) {
      valid++;
      index += needed + 1;
    } else {
      invalid++;
      index++;
    }
  }
  return { valid, invalid };
}
