import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';
import { resolveSrcset, resolveUrl } from './resolve-url.ts';

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;
const NO_SCHEMES: ReadonlySet<string> = new Set();

/**
 * Makes URL attributes absolute against the item link, then the feed URL, and removes those whose
 * scheme the policy does not accept for them (`data:` only for raster images in `img src`).
 */
export const absoluteUrls: CleanPass =
  (_root, { policy, bases }) =>
  (node) => {
    if (!isTag(node)) return Verdict.Keep;
    const attributes = node.attribs;
    // A look-up per URL attribute: cheaper than going through every attribute.
    for (const name of URL_ATTRIBUTES) {
      const value = attributes[name];
      if (value === undefined) continue;
      const schemes = policy.urlSchemes[name];
      const dataTypes = node.name === 'img' && name === 'src' ? policy.imageDataTypes : undefined;
      const url = schemes && resolveUrl(value, bases, schemes, dataTypes);
      if (url === undefined) delete attributes[name];
      else attributes[name] = url;
    }
    if (attributes.srcset !== undefined) {
      const srcset = resolveSrcset(attributes.srcset, bases, policy.urlSchemes.srcset ?? NO_SCHEMES);
      if (srcset === undefined) delete attributes.srcset;
      else attributes.srcset = srcset;
    }
    return Verdict.Keep;
  };
