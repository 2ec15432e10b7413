import { selectAll } from 'css-select';
import type { ChildNode } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';

/** Removes the elements matching the feed's `remove` selectors, with their content. */
export const removeSelectors: CleanPass = (root, { remove }) => {
  if (remove.length === 0) return undefined;
  // Selectors match on the tree as parsed, before any other pass changed it.
  const matched: ReadonlySet<ChildNode> = new Set(selectAll(remove.join(','), root));
  return matched.size > 0 ? (node) => (matched.has(node) ? Verdict.Drop : Verdict.Keep) : undefined;
};
