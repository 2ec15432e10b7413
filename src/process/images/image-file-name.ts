import { sha256Hex } from '../../sha256-hex.ts';
import type { ImageType } from './sniff-image-type.ts';

/** Matches the names {@link imageFileName} gives (the state checks imported names with it). */
export { IMAGE_FILE_NAME } from '../../store/index.ts';

/**
 * The content-addressed file name of an image: the SHA-256 of its bytes in hex, then the
 * extension of its sniffed type. The same picture from two URLs (or two posts) is one file.
 */
export function imageFileName(bytes: Uint8Array, type: ImageType): string {
  return `${sha256Hex(bytes)}.${type.extension}`;
}
