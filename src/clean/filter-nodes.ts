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
 * changed, so hostile input with many removals stays linear.
 */
export function filterNodes(parent: ParentNode, decide: (node: ChildNode) => Verdict): void {
  const children = parent.children;
  let kept: ChildNode[] | undefined;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    const verdict = decide(node);
    if (verdict === Verdict.Keep) {
      if (hasChildren(node) && node.children.length > 0) filterNodes(node, decide);
      kept?.push(node);
      continue;
    }
    kept ??= children.slice(0, index);
    if (verdict === Verdict.Unwrap && hasChildren(node)) {
      filterNodes(node, decide);
      for (const child of node.children) kept.push(child);
      node.children = [];
    }
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
  if (kept === undefined) return;
  parent.children = kept;
  for (let index = 0; index < kept.length; index++) {
    const node = kept[index]!;
    node.parent = parent;
    node.prev = kept[index - 1] ?? null;
    node.next = kept[index + 1] ?? null;
  }
}
