import { Parser } from 'htmlparser2';
import { contentTypeCharset } from '../parse/content-type-charset.ts';
import { decodeAs } from '../parse/decode-as.ts';
import { encodingForLabel } from '../parse/encoding-labels.ts';
import { guessLegacyEncoding } from '../parse/guess-legacy-encoding.ts';

// HTML §13.2.3.2: the prescan looks at the first 1024 bytes only.
const PRESCAN_BYTES = 1024;
// How far into the page a late `<meta>` in the head is looked for.
const HEAD_BYTES = 64 * 1024;
// Elements of a head: any other start tag begins the body, where a `<meta>` declares nothing.
const HEAD_ELEMENTS: ReadonlySet<string> = new Set([
  'html',
  'head',
  'meta',
  'link',
  'title',
  'script',
  'style',
  'noscript',
  'base',
  'template',
]);

/**
 * An article page's bytes as text, by the HTML encoding sniffing order (HTML §13.2.3): BOM,
 * then the HTTP charset, then a `<meta>` charset in the first 1024 bytes, then UTF-8 when the
 * bytes are valid UTF-8. Bytes that are not then go by a `<meta>` charset later in the head
 * (browsers honour it: Firefox reloads the page with it), else by what their text looks like
 * (§13.2.3.1 step 9, as browsers guess; windows-1252 when nothing else fits). Labels are
 * WHATWG's (encodingForLabel); one it does not know counts as none.
 */
export function decodePage(body: Uint8Array, contentType?: string): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), 'utf-16be');
  const encoding = fromHttp(contentTypeCharset(contentType)) ?? fromMeta(metaCharset(bytes));
  if (encoding !== undefined)
    return encoding === 'utf-8' ? bytes.toString('utf8') : decodeAs(bytes, encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const late = fromMeta(metaCharset(bytes, HEAD_BYTES, HEAD_ELEMENTS));
    return decodeAs(bytes, late ?? guessLegacyEncoding(bytes));
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

/**
 * The first `<meta charset>` or `<meta http-equiv=content-type content=…>` in the first `window`
 * bytes (the prescan's by default); with `head`, only before the first start tag not in it.
 */
function metaCharset(bytes: Buffer, window = PRESCAN_BYTES, head?: ReadonlySet<string>): string | undefined {
  // Bytes of an ASCII-compatible encoding read as latin1 keep every ASCII character in place.
  const text = bytes.toString('latin1', 0, Math.min(bytes.length, window));
  let found: string | undefined;
  let ended = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (head !== undefined && !head.has(name)) {
          ended = true;
          parser.pause();
        }
        if (ended || found !== undefined || name !== 'meta') return;
        if (attributes.charset) found = attributes.charset;
        else if (attributes['http-equiv']?.toLowerCase() === 'content-type')
          found = contentTypeCharset(attributes.content);
        if (found !== undefined) parser.pause();
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(text);
  return found;
}
