import type { ChildNode, Document } from 'domhandler';
import type { CleanContext, CleanPass, NodeVisitor } from './clean-pass.ts';
import { filterNodes, Verdict } from './filter-nodes.ts';

/**
 * Runs `passes` in order over the tree under `root`, in one walk: each node meets the passes in
 * order until one drops or unwraps it (an unwrapped node's children then meet every pass). The
 * same as one walk per pass, since each decision depends on the node alone.
 */
export function runPasses(root: Document, passes: readonly CleanPass[], context: CleanContext): void {
  const visitors: NodeVisitor[] = [];
  for (const pass of passes) {
    const visitor = pass(root, context);
    if (visitor !== undefined) visitors.push(visitor);
  }
  if (visitors.length === 0) return;
  const count = visitors.length;
  filterNodes(root, (node: ChildNode) => {
    for (let index = 0; index < count; index++) {
      const verdict = visitors[index]!(node);
      if (verdict !== Verdict.Keep) return verdict;
    }
    return Verdict.Keep;
  });
}
