/** The links between elements that a depth walk follows; linkedom's and jsdom's elements have them. */
export interface TreeElement {
  readonly firstElementChild: TreeElement | null;
  readonly nextElementSibling: TreeElement | null;
  readonly parentElement: TreeElement | null;
}

/**
 * Whether the element tree under `root` (itself level 1) goes deeper than `limit` levels. It
 * walks the tree without recursion or a stack, and stops at the first element past the limit.
 */
export function nestsDeeperThan(root: TreeElement, limit: number): boolean {
  let node: TreeElement | null = root;
  let depth = 1;
  while (node !== null) {
    if (depth > limit) return true;
    const child: TreeElement | null = node.firstElementChild;
    if (child !== null) {
      node = child;
      depth++;
      continue;
    }
    // Up until an element has a next sibling, never above the root.
    while (node !== null && node !== root && node.nextElementSibling === null) {
      node = node.parentElement;
      depth--;
    }
    if (node === null || node === root) return false;
    node = node.nextElementSibling;
  }
  return false;
}
