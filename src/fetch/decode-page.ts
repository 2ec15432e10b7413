import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';

// WHATWG Encoding: labels whose decoder is another one's (gb2312 and gbk decode as GB18030,
// latin1 as windows-1252), and UTF-16 declared inside the bytes, which the bytes cannot be.
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  chinese: 'gb18030',
  'iso-8859-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  latin1: 'windows-1252',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'windows-31j': 'shift_jis',
  'ks_c_5601-1987': 'euc-kr',
  utf8: 'utf-8',
};

// HTML §13.2.3.2: the prescan looks at the first 1024 bytes only.
const PRESCAN_BYTES = 1024;

/**
 * An article page's bytes as text, by the HTML encoding sniffing order (HTML §13.2.3): BOM,
 * then the HTTP charset, then a `<meta>` charset in the first 1024 bytes, then UTF-8 when the
 * bytes are valid UTF-8, else windows-1252.
 */
export function decodePage(body: Uint8Array, contentType?: string): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  const label = usableLabel(charsetOf(contentType)) ?? usableLabel(metaCharset(bytes), true);
  if (label !== undefined) return label === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, label);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

function usableLabel(raw: string | undefined, inDocument = false): string | undefined {
  if (raw === undefined) return undefined;
  const label = raw.trim().toLowerCase();
  const name = LABEL_ALIASES[label] ?? label;
  // A document cannot declare UTF-16 about its own ASCII-compatible bytes (HTML §13.2.3.2).
  if (inDocument && name.startsWith('utf-16')) return 'utf-8';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The `charset` parameter of a Content-Type header value (RFC 9110 §8.3.1). */
function charsetOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';').slice(1)) {
    const [key, ...rest] = part.split('=');
    if (key?.trim().toLowerCase() === 'charset')
      return rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/** The first `<meta charset>` or `<meta http-equiv=content-type content=…>` of the prescan window. */
function metaCharset(bytes: Buffer): string | undefined {
  // Bytes of an ASCII-compatible encoding read as latin1 keep every ASCII character in place.
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, PRESCAN_BYTES));
  let found: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found !== undefined || name !== 'meta') return;
        if (attributes.charset) found = attributes.charset;
        else if (attributes['http-equiv']?.toLowerCase() === 'content-type')
          found = charsetOf(attributes.content);
        if (found !== undefined) parser.pause();
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(head);
  return found;
}
