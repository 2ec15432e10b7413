import { type ChildNode, hasChildren, type ParentNode } from 'domhandler';

/** What a pass does with a node: keep it (and go into it), drop it with its content, or unwrap it. */
export enum Verdict {
  Keep,
  Drop,
  /** The node goes, its children (filtered too) take its place. */
  Unwrap,
}

/**
 * Filters the tree under `parent` in document order (a node before its children): each node is
 * kept, dropped or unwrapped as `decide` says. Sibling lists are rebuilt once, where something
 * changed, and an unwrapped node's children go straight into the list of the nearest kept
 * ancestor, so hostile input (many removals, deep nests of unwrapped elements) stays linear.
 */
export function filterNodes(parent: ParentNode, decide: (node: ChildNode) => Verdict): void {
  const kept = filterInto(parent.children, decide, undefined);
  if (kept === undefined) return;
  parent.children = kept;
  for (let index = 0; index < kept.length; index++) {
    const node = kept[index]!;
    node.parent = parent;
    node.prev = kept[index - 1] ?? null;
    node.next = kept[index + 1] ?? null;
  }
}

/**
 * Filters `children` into `kept` (created at the first change, holding the nodes before it);
 * undefined when nothing changed.
 */
function filterInto(
  children: ChildNode[],
  decide: (node: ChildNode) => Verdict,
  kept: ChildNode[] | undefined,
): ChildNode[] | undefined {
  let out = kept;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    const verdict = decide(node);
    if (verdict === Verdict.Keep) {
      if (hasChildren(node) && node.children.length > 0) filterNodes(node, decide);
      out?.push(node);
      continue;
    }
    out ??= children.slice(0, index);
    if (verdict === Verdict.Unwrap && hasChildren(node)) {
      filterInto(node.children, decide, out);
      node.children = [];
    }
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
  return out;
}
