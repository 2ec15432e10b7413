import { sha256Hex } from '../sha256-hex.ts';

/** A short stable hash used as an id of last resort. */
export function shortHash(...parts: string[]): string {
  // Each part followed by a NUL, so that ('ab', 'c') and ('a', 'bc') differ.
  return sha256Hex(`${parts.join('\u0000')}\u0000`).slice(0, 16);
}
