import type { Document } from 'domhandler';
import type { SanitizePolicy } from './sanitize-policy.ts';

/** What the passes of the clean stage read, and the images they find. */
export interface CleanContext {
  policy: SanitizePolicy;
  /** Bases for relative URLs, in order: the item link, then the feed URL. */
  bases: readonly string[];
  /** Hosts whose iframes are kept (exact host or a subdomain of it), lower-case. */
  iframeHosts: readonly string[];
  /** CSS selectors of elements removed with their content. */
  remove: readonly string[];
  /** Keep `<style>` elements (their CSS as is). */
  keepStyle: boolean;
  /** Keep HTML comments. */
  keepComments: boolean;
  /** Meaningful images of the body in document order, found by the images pass. */
  images: string[];
}

/** One job over the parsed item: a function that changes the tree in place. */
export type CleanPass = (root: Document, context: CleanContext) => void;
