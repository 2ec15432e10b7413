import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';
import { isMeaningfulImage, isTrackingPixel } from './image-policy.ts';

/**
 * Images: one with only a `srcset` gets its first candidate as `src`; one without a source or a
 * tracking pixel goes; the rest are marked `referrerpolicy="no-referrer"` (hotlink-protected hosts
 * serve them), lazy-loaded and decoded off the main thread. Meaningful ones are noted, in
 * document order, for the post image.
 */
export const markImages: CleanPass = (_root, context) => (node) => {
  if (!isTag(node) || node.name !== 'img') return Verdict.Keep;
  const attributes = node.attribs;
  if (attributes.src === undefined && attributes.srcset !== undefined) {
    const { srcset } = attributes;
    delete attributes.srcset;
    attributes.src = srcset.split(/[\s,]/, 1)[0]!;
    attributes.srcset = srcset;
  }
  const src = attributes.src;
  if (src === undefined || isTrackingPixel(src, attributes.width, attributes.height)) return Verdict.Drop;
  if (isMeaningfulImage(src, attributes)) context.images.push(src);
  attributes.referrerpolicy = 'no-referrer';
  attributes.loading = 'lazy';
  attributes.decoding = 'async';
  return Verdict.Keep;
};
