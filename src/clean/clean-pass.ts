import type { ChildNode, Document } from 'domhandler';
import type { Verdict } from './filter-nodes.ts';
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

/** A pass's decision on one node, which it may also change (attributes). */
export type NodeVisitor = (node: ChildNode) => Verdict;

/**
 * One job of the clean stage over a parsed item: given the tree and the options, it returns how
 * it treats each node (undefined: nothing to do here). The passes' node decisions depend on the
 * node alone, so {@link runPasses} applies them all in one walk.
 */
export type CleanPass = (root: Document, context: CleanContext) => NodeVisitor | undefined;
