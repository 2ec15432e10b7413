import { isAscii, isUtf8 } from 'node:buffer';

/** UTF-8 text, and whether it is known to hold no character that XML forbids. */
export interface Utf8Text {
  text: string;
  /** True when the decoder checked: no C0 control (but tab, LF, CR), U+FFFE or U+FFFF. */
  clean: boolean;
}

// Above this size the two-byte scratch buffer would weigh more than the speed is worth.
const FAST_LIMIT = 16 * 1024 * 1024;
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes bytes that must be strict UTF-8 (RFC 3629: no overlongs, surrogates or values past
 * U+10FFFF); undefined when they are not. ASCII is read as one-byte text; other text up to
 * 16 MB is transcoded in one JavaScript pass that also checks for characters XML forbids, which
 * on Node 20 is about twice as fast as TextDecoder for CJK text.
 */
export function decodeStrictUtf8(bytes: Buffer): Utf8Text | undefined {
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), clean: false };
  if (bytes.length > FAST_LIMIT)
    return isUtf8(bytes) ? { text: utf8Decoder.decode(bytes), clean: false } : undefined;
  const length = bytes.length;
  const units = new Uint16Array(length);
  let out = 0;
  let index = 0;
  let forbidden = false;
  while (index < length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) forbidden = true;
      units[out++] = byte;
      index++;
    } else if (byte < 0xe0) {
      if (byte < 0xc2 || index + 1 >= length) return undefined;
      const next = bytes[index + 1]!;
      if ((next & 0xc0) !== 0x80) return undefined;
      units[out++] = ((byte & 0x1f) << 6) | (next & 0x3f);
      index += 2;
    } else if (byte < 0xf0) {
      if (index + 2 >= length) return undefined;
      const next = bytes[index + 1]!;
      const last = bytes[index + 2]!;
      if ((next & 0xc0) !== 0x80 || (last & 0xc0) !== 0x80) return undefined;
      const code = ((byte & 0x0f) << 12) | ((next & 0x3f) << 6) | (last & 0x3f);
      if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      if (code >= 0xfffe) forbidden = true;
      units[out++] = code;
      index += 3;
    } else {
      if (byte > 0xf4 || index + 3 >= length) return undefined;
      const b1 = bytes[index + 1]!;
      const b2 = bytes[index + 2]!;
      const b3 = bytes[index + 3]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return undefined;
      const code = ((byte & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (code < 0x10000 || code > 0x10ffff) return undefined;
      const offset = code - 0x10000;
      units[out++] = 0xd800 | (offset >> 10);
      units[out++] = 0xdc00 | (offset & 0x3ff);
      index += 4;
    }
  }
  return { text: Buffer.from(units.buffer, 0, out * 2).toString('utf16le'), clean: !forbidden };
}
