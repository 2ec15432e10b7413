import type { JsonFeed } from '../model.ts';
import type { XmlElement } from './xml-tree.ts';

/** At most this many authors, tags or attachments are read per item. */
export const MAX_PER_ITEM = 100;

/** What a format reader needs besides the document. */
export interface ReadOptions {
  /** The feed's own URL (or file path), the last base for relative URLs. */
  url?: string;
  /** IANA zone for dates written without an offset. */
  timezone: string;
}

/** A format reader fed item by item while the tree is built, then given the rest of the tree. */
export interface FeedReader {
  /** Offered each closed item or entry; true when it was read (its subtree may then be dropped). */
  accept(element: XmlElement, parent: XmlElement, root: XmlElement): boolean;
  /** The feed: its metadata from the tree, its items from what was accepted. */
  finish(root: XmlElement): JsonFeed;
}
