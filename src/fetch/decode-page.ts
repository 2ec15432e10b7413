import { Parser } from 'htmlparser2';
import { decodeAs } from '../parse/decode-as.ts';
import { encodingForLabel } from '../parse/encoding-labels.ts';

// HTML §13.2.3.2: the prescan looks at the first 1024 bytes only.
const PRESCAN_BYTES = 1024;

/**
 * An article page's bytes as text, by the HTML encoding sniffing order (HTML §13.2.3): BOM,
 * then the HTTP charset, then a `<meta>` charset in the first 1024 bytes, then UTF-8 when the
 * bytes are valid UTF-8, else windows-1252. Labels are WHATWG's (encodingForLabel); one it does
 * not know counts as none.
 */
export function decodePage(body: Uint8Array, contentType?: string): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), 'utf-16be');
  const encoding = fromHttp(charsetOf(contentType)) ?? fromMeta(metaCharset(bytes));
  if (encoding !== undefined)
    return encoding === 'utf-8' ? bytes.toString('utf8') : decodeAs(bytes, encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeAs(bytes, 'windows-1252');
  }
}

/** The encoding a WHATWG label names; `replacement` included, which decodes to one U+FFFD. */
function fromHttp(label: string | undefined): string | undefined {
  return label === undefined ? undefined : encodingForLabel(label);
}

/**
 * A `<meta>` label as the prescan takes it (HTML §13.2.3.2): a document cannot declare UTF-16
 * about its own ASCII-compatible bytes (UTF-8 then), and x-user-defined means windows-1252.
 */
function fromMeta(label: string | undefined): string | undefined {
  const encoding = fromHttp(label);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 'utf-8';
  return encoding === 'x-user-defined' ? 'windows-1252' : encoding;
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
