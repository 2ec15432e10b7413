/**
 * A post's UTF-8 bytes, the same as `Buffer.from(text, 'utf8')` but about three times cheaper:
 * `Buffer.from` measures the encoded length first (a second pass as costly as encoding a string
 * with any non-Latin-1 character, as every CJK post is) and then encodes. Here the text is
 * encoded once into a scratch buffer big enough for any result (3 bytes per UTF-16 unit at
 * most) and the bytes copied out. Texts over SCRATCH_LIMIT take `Buffer.from`, so that one huge
 * post does not leave a huge scratch buffer behind.
 */
const SCRATCH_LIMIT = 1 << 20;

let scratch = Buffer.allocUnsafeSlow(64 * 1024);

export function encodeUtf8(text: string): Uint8Array {
  const most = text.length * 3;
  if (most > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(SCRATCH_LIMIT);
  const length = scratch.write(text, 'utf8');
  const bytes = Buffer.allocUnsafe(length);
  scratch.copy(bytes, 0, 0, length);
  return bytes;
}
