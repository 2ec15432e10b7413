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
// The word-at-a-time ASCII path reads bytes out of a Uint32 in little-endian order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const NO_WORDS = new Uint32Array(0);
/** Documents up to this many bytes share one scratch buffer (kept between calls) for their UTF-16. */
const SCRATCH_LIMIT = 2 * 1024 * 1024;
let scratch = new Uint16Array(0);

/** A buffer for at least `length` UTF-16 units: the shared one when small enough, else a new one. */
function scratchFor(length: number): Uint16Array {
  if (length > SCRATCH_LIMIT) return new Uint16Array(length);
  // Grown in steps, so that a run of ever larger documents allocates only a few times.
  if (scratch.length < length)
    scratch = new Uint16Array(Math.min(SCRATCH_LIMIT, Math.max(length, scratch.length * 2, 65_536)));
  return scratch;
}

/**
 * Decodes bytes that must be strict UTF-8 (RFC 3629: no overlongs, surrogates or values past
 * U+10FFFF); undefined when they are not. ASCII is read as one-byte text; other text up to
 * 16 MB is transcoded in one JavaScript pass that also checks for characters XML forbids, which
 * on Node 20 is about twice as fast as TextDecoder for CJK text. Runs of printable ASCII (most
 * of Latin text and of the markup) are copied four bytes at a time.
 */
export function decodeStrictUtf8(bytes: Buffer): Utf8Text | undefined {
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), clean: false };
  if (bytes.length > FAST_LIMIT)
    return isUtf8(bytes) ? { text: utf8Decoder.decode(bytes), clean: false } : undefined;
  const length = bytes.length;
  const units = scratchFor(length);
  // The aligned words inside the bytes: word k holds bytes first + 4k to first + 4k + 3.
  const offset = bytes.byteOffset;
  const first = (4 - (offset & 3)) & 3;
  const wordCount = LITTLE_ENDIAN && length > first ? (length - first) >> 2 : 0;
  const words = wordCount > 0 ? new Uint32Array(bytes.buffer, offset + first, wordCount) : NO_WORDS;
  const wordsEnd = first + wordCount * 4;
  let out = 0;
  let index = 0;
  let forbidden = false;
  while (index < length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) forbidden = true;
      units[out++] = byte;
      index++;
      if (((index - first) & 3) !== 0 || index < first) continue;
      // Then four bytes at once while all are ASCII and none is below 0x20. With every top bit
      // clear, (word - 0x20202020) & ~word sets a byte's top bit exactly when one is below 0x20.
      for (let at = (index - first) >> 2; index < wordsEnd; at++) {
        const word = words[at]!;
        if ((word & 0x80808080) !== 0 || ((word - 0x20202020) & ~word & 0x80808080) !== 0) break;
        units[out] = word & 0xff;
        units[out + 1] = (word >>> 8) & 0xff;
        units[out + 2] = (word >>> 16) & 0xff;
        units[out + 3] = word >>> 24;
        out += 4;
        index += 4;
      }
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
