import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { filterNodes, Verdict } from './filter-nodes.ts';
import { resolveSrcset, resolveUrl } from './resolve-url.ts';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);
const NO_SCHEMES: ReadonlySet<string> = new Set();

/**
 * Makes URL attributes absolute against the item link, then the feed URL, and removes those whose
 * scheme the policy does not accept for them (`data:` only for raster images in `img src`).
 */
export const absoluteUrls: CleanPass = (root, { policy, bases }) => {
  filterNodes(root, (node) => {
    if (!isTag(node)) return Verdict.Keep;
    const attributes = node.attribs;
    for (const name in attributes) {
      if (URL_ATTRIBUTES.has(name)) {
        const schemes = policy.urlSchemes[name];
        const dataTypes = node.name === 'img' && name === 'src' ? policy.imageDataTypes : undefined;
        const url = schemes && resolveUrl(attributes[name]!, bases, schemes, dataTypes);
        if (url === undefined) delete attributes[name];
        else attributes[name] = url;
      } else if (name === 'srcset') {
        const srcset = resolveSrcset(attributes[name]!, bases, policy.urlSchemes.srcset ?? NO_SCHEMES);
        if (srcset === undefined) delete attributes[name];
        else attributes[name] = srcset;
      }
    }
    return Verdict.Keep;
  });
};
