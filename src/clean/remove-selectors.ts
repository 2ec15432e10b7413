import { selectAll } from 'css-select';
import type { ChildNode } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { filterNodes, Verdict } from './filter-nodes.ts';

/** Removes the elements matching the feed's `remove` selectors, with their content. */
export const removeSelectors: CleanPass = (root, { remove }) => {
  if (remove.length === 0) return;
  const matched: ReadonlySet<ChildNode> = new Set(selectAll(remove.join(','), root));
  if (matched.size > 0) filterNodes(root, (node) => (matched.has(node) ? Verdict.Drop : Verdict.Keep));
};
