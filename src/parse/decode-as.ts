import iconv from 'iconv-lite';
import { FeedmillError } from '../errors.ts';

// WHATWG UTF-8 decode (replacement on errors); measurably faster than Buffer#toString for CJK.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The iconv-lite codec of WHATWG encodings whose decoder iconv-lite has under another name: the
 * gbk decoder is gb18030's, big5 includes HKSCS, euc-kr is windows-949, ISO-8859-8-I is
 * ISO-8859-8 in logical order. The others have the same name in both.
 */
const ICONV_CODECS: Readonly<Record<string, string>> = {
  gbk: 'gb18030',
  big5: 'big5hkscs',
  'euc-kr': 'cp949',
  ibm866: 'cp866',
  'iso-8859-8-i': 'iso-8859-8',
  'x-mac-cyrillic': 'maccyrillic',
};

/**
 * Decodes bytes with a WHATWG encoding (a name encodingForLabel gives). `replacement` gives one
 * U+FFFD for any bytes, as WHATWG's decoder does. ISO-2022-JP, which iconv-lite lacks, is
 * decoded by Node's TextDecoder (ICU).
 */
export function decodeAs(bytes: Buffer, encoding: string): string {
  switch (encoding) {
    case 'utf-8':
      return utf8Decoder.decode(bytes);
    case 'replacement':
      return bytes.length === 0 ? '' : '\ufffd';
    case 'x-user-defined':
      return userDefined(bytes);
    case 'iso-2022-jp':
      return withTextDecoder(bytes, encoding);
    default:
      return iconv.decode(bytes, Object.hasOwn(ICONV_CODECS, encoding) ? ICONV_CODECS[encoding]! : encoding);
  }
}

function withTextDecoder(bytes: Buffer, encoding: string): string {
  let decoder: { decode(bytes: Buffer): string };
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new FeedmillError(
      'PARSE_FAILED',
      `cannot decode ${encoding}: this Node.js was built without full ICU, which decodes it`,
    );
  }
  return decoder.decode(bytes);
}

/** WHATWG x-user-defined: ASCII as is, each byte 0x80–0xFF the private-use U+F780–U+F7FF. */
function userDefined(bytes: Buffer): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const units = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte < 0x80 ? byte : 0xf700 + byte,
    );
    text += String.fromCharCode(...units);
  }
  return text;
}
