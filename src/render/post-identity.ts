import { sha256Hex } from '../sha256-hex.ts';

/** The front matter key, written last, that names the feed and item a post was written for. */
export const IDENTITY_KEY = 'feedmill';

const IDENTITY = /^([0-9a-f]{16})\/([0-9a-f]{16})$/;

/** The identity of a post, read back from its front matter. */
export interface PostIdentity {
  /** The first 16 hex digits of SHA-256 of the subscription's configured `url`. */
  feed: string;
  /** The first 16 hex digits of SHA-256 of the item key. */
  item: string;
}

/**
 * `<feed>/<item>`: two 64-bit SHA-256 prefixes, of the configured source (`rsshub:/route` or the
 * feed URL as written, so no RSSHub instance or access key can leak) and of the item key. Stable
 * across runs and machines, and plain hex, so it is safe in any YAML reader.
 */
export function postIdentity(source: string, itemKey: string): string {
  if (source !== lastSource) {
    lastSourceHash = shortHash(source);
    lastSource = source;
  }
  return `${lastSourceHash}/${shortHash(itemKey)}`;
}

// A feed's posts are rendered one after another: its source is hashed once, not once a post.
let lastSource: string | undefined;
let lastSourceHash = '';

/** The 16-hex-digit hash used in identities. */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/** Reads an identity value from front matter; anything else (hand-edited, older) is undefined. */
export function readPostIdentity(value: unknown): PostIdentity | undefined {
  if (typeof value !== 'string') return undefined;
  const match = IDENTITY.exec(value);
  return match ? { feed: match[1]!, item: match[2]! } : undefined;
}
