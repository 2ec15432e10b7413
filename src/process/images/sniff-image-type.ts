/**
 * Image types recognised by their first bytes (WHATWG MIME Sniffing §6.1 "image type pattern
 * matching", plus AVIF by its ISO-BMFF `ftyp` brand). The bytes decide, never the Content-Type:
 * an HTML page served as `image/png` is not an image.
 */

/** A raster image type feedmill keeps on the site, with the file extension it is stored under. */
export interface ImageType {
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/avif';
  extension: 'png' | 'jpg' | 'gif' | 'webp' | 'avif';
}

/** What the first bytes of a download are: a kept image type, SVG (refused) or something else. */
export type SniffedImage = { kind: 'image'; type: ImageType } | { kind: 'svg' } | { kind: 'unknown' };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, pattern: readonly number[], at = 0): boolean {
  if (bytes.length < at + pattern.length) return false;
  for (let index = 0; index < pattern.length; index++) if (bytes[at + index] !== pattern[index]) return false;
  return true;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return bytes.length < to ? '' : String.fromCharCode(...bytes.subarray(from, to));
}

/** The image type of `bytes` by its signature. */
export function sniffImageType(bytes: Uint8Array): SniffedImage {
  if (startsWith(bytes, PNG)) return { kind: 'image', type: { mime: 'image/png', extension: 'png' } };
  if (startsWith(bytes, [0xff, 0xd8, 0xff]))
    return { kind: 'image', type: { mime: 'image/jpeg', extension: 'jpg' } };
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a')
    return { kind: 'image', type: { mime: 'image/gif', extension: 'gif' } };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 14) === 'WEBPVP')
    return { kind: 'image', type: { mime: 'image/webp', extension: 'webp' } };
  if (isAvif(bytes)) return { kind: 'image', type: { mime: 'image/avif', extension: 'avif' } };
  if (looksLikeSvg(bytes)) return { kind: 'svg' };
  return { kind: 'unknown' };
}

/**
 * ISO/IEC 14496-12 §4.3: the file starts with a `ftyp` box (32-bit big-endian size, type),
 * whose major brand or one of whose compatible brands is `avif` (still) or `avis` (sequence).
 */
function isAvif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 8) !== 'ftyp') return false;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(size, bytes.length, 256);
  if (end < 16) return false;
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands.includes('avif') || brands.includes('avis');
}

/** SVG is XML text whose root is `<svg`: looked for after a BOM, whitespace, prolog and comments. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .trimStart()
    .toLowerCase();
  return head.startsWith('<') && head.includes('<svg') && !head.includes('<html');
}
