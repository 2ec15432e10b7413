import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';
import { isPlaceholderSource, LAZY_SOURCE_ATTRIBUTES, LAZY_SRCSET_ATTRIBUTES } from './image-policy.ts';

/**
 * Moves a lazy-loader's real URL (`data-src`…) into `src`/`srcset` of images whose `src` is only
 * a placeholder. Runs before the allowlist, which removes the data attributes.
 */
export const promoteLazyImages: CleanPass = () => (node) => {
  if (isTag(node) && node.name === 'img') promoteLazySource(node.attribs);
  return Verdict.Keep;
};

function promoteLazySource(attributes: Record<string, string>): void {
  // Look for a lazy-loader's attribute first: most images have none, and then src stays.
  const source = firstValue(attributes, LAZY_SOURCE_ATTRIBUTES);
  const srcset = attributes.srcset === undefined ? firstValue(attributes, LAZY_SRCSET_ATTRIBUTES) : undefined;
  if ((source === undefined && srcset === undefined) || !isPlaceholderSource(attributes.src)) return;
  if (source !== undefined) attributes.src = source;
  if (srcset !== undefined) attributes.srcset = srcset;
}

function firstValue(attributes: Record<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}
