import { isAscii } from 'node:buffer';
import { type Diagnostic, FeedmillError } from '../errors.ts';
import { contentTypeCharset } from './content-type-charset.ts';
import { decodeAs } from './decode-as.ts';
import { encodingForLabel } from './encoding-labels.ts';
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

/**
 * Decodes feed bytes, in the order RFC 7303 §3 and WHATWG Encoding agree on: a BOM first (UTF-8,
 * UTF-16LE/BE; FF FE 00 00 is UTF-16LE, UTF-32 being no Web encoding), then UTF-16 without a BOM
 * (XML 1.0 Appendix F), then the HTTP charset, then the XML declaration, then UTF-8, with a
 * guess among legacy encodings for bytes that are not UTF-8 (Chinese feeds in GBK that declare
 * nothing). text/xml without a charset is not US-ASCII: RFC 7303 §8.5 dropped RFC 3023's default.
 *
 * Labels are WHATWG's (encodingForLabel): one WHATWG does not know is passed over for the next
 * source, and a label of the `replacement` encoding (ISO-2022-KR, HZ-GB-2312, ISO-2022-CN) fails
 * the feed rather than being read as ASCII, which it is not.
 *
 * Where the RFCs and real feeds conflict: a declared legacy encoding loses to bytes that are
 * valid UTF-8 and not ASCII. RFC 7303 and feedparser obey the label; Miniflux, like feedmill,
 * keeps valid UTF-8 (publishers convert to UTF-8 and leave `encoding="ISO-8859-1"` behind, or the
 * server adds a charset of its own), while real text in a legacy encoding is practically never
 * valid UTF-8 by accident. An HTTP charset of UTF-8 that the bytes disprove gives way to the XML
 * declaration's legacy encoding (a server's blanket charset), as feedparser's next try does.
 * Likewise a UTF-16 label on bytes whose first two are not NUL-paired (so ASCII-compatible:
 * `<?xml` in one byte each) is not used.
 *
 * JSON (the first character is `{` or `[`) is UTF-8 (RFC 8259 §8.1; a charset "has no effect",
 * §11): no label makes valid UTF-8 anything else, and a replacement label fails nothing. Only
 * bytes that are not UTF-8 use the charset, as the best hint of what the server wrote.
 */
export function decodeBytes(input: Uint8Array, contentType?: string): DecodedText {
  const diagnostics: Diagnostic[] = [];
  const bom = sniffBom(input);
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bom) {
    const body = bytes.subarray(bom.length);
    const strict = bom.encoding === 'utf-8' ? decodeStrictUtf8(body) : undefined;
    if (strict) return { ...strict, encoding: 'utf-8', diagnostics };
    return { text: decodeAs(body, bom.encoding), encoding: bom.encoding, diagnostics };
  }
  const utf16 = sniffUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeAs(bytes, utf16), encoding: utf16, diagnostics };

  const [declared, fallback] = declaredEncodings(bytes, contentType, diagnostics);
  const utf8 = decodeStrictUtf8(bytes);
  if (declared && declared.encoding !== 'utf-8') {
    const { label, encoding } = declared;
    if (encoding === 'utf-16le' || encoding === 'utf-16be')
      return { text: decodeAs(bytes, encoding), encoding, diagnostics };
    if (utf8 && !isAscii(bytes)) {
      diagnostics.push({
        code: 'encoding-mismatch',
        message: `declared ${label} but the bytes are valid UTF-8; read as UTF-8`,
      });
      return { ...utf8, encoding: 'utf-8', diagnostics };
    }
    return { text: decodeAs(bytes, encoding), encoding, diagnostics };
  }
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
  // A server that adds charset=utf-8 to every answer, in front of a feed in a legacy encoding
  // that its XML declaration names: the declaration is right (feedparser, too, tries it next).
  if (declared && fallback && fallback.encoding !== 'utf-8') {
    diagnostics.push({
      code: 'encoding-mismatch',
      message: `declared ${declared.label} (${declared.source}) but the bytes are not UTF-8; read as ${fallback.label} (${fallback.source})`,
    });
    return { text: decodeAs(bytes, fallback.encoding), encoding: fallback.encoding, diagnostics };
  }
  const guess = guessLegacyEncoding(bytes);
  diagnostics.push({
    code: 'encoding-sniffed',
    message: `${declared ? 'declared UTF-8 but the bytes are not' : 'no usable charset declared'}; bytes look like ${guess}`,
  });
  return { text: decodeAs(bytes, guess), encoding: guess, diagnostics };
}

/** An encoding a source declares: its label, its WHATWG name and which source said so. */
interface Declared {
  label: string;
  encoding: string;
  source: string;
}

/**
 * The usable encodings declared, in order: the HTTP charset, then the XML declaration's (JSON
 * has none). Unknown labels and UTF-16 ones on ASCII-compatible bytes are noted and passed over;
 * a source after the first usable one is only a fallback, kept when usable and otherwise silent.
 */
function declaredEncodings(
  bytes: Buffer,
  contentType: string | undefined,
  diagnostics: Diagnostic[],
): Declared[] {
  const json = isJson(bytes);
  const sources: [string | undefined, string][] = [
    [contentTypeCharset(contentType), 'Content-Type charset'],
    [json ? undefined : labelFromXmlDeclaration(bytes), 'XML declaration'],
  ];
  const found: Declared[] = [];
  for (const [label, source] of sources) {
    if (label === undefined) continue;
    const quiet = found.length > 0;
    const encoding = encodingForLabel(label);
    if (encoding === undefined) {
      if (!quiet)
        diagnostics.push({
          code: 'encoding-unknown',
          message: `unknown encoding ${label} (${source}); ignored`,
        });
    } else if (encoding === 'replacement') {
      if (json || quiet) continue;
      throw new FeedmillError(
        'PARSE_FAILED',
        `the ${source} names ${label}, an encoding WHATWG Encoding reads as "replacement" ` +
          '(ISO-2022-KR, HZ-GB-2312 and ISO-2022-CN can hide markup in other bytes): not decoded',
      );
    } else if (encoding.startsWith('utf-16') && bytes[0] !== 0 && bytes[1] !== 0) {
      if (!quiet)
        diagnostics.push({
          code: 'encoding-mismatch',
          message: `declared ${label} (${source}) but the bytes are not UTF-16; ignored`,
        });
    } else {
      found.push({ label, encoding, source });
    }
  }
  return found;
}

/** JSON text starts, after any whitespace (RFC 8259 §2), with an object or an array. */
function isJson(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
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

function labelFromXmlDeclaration(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 512).toString('latin1');
  const match = head.match(/^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1];
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
