import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';

// Feed ids and names get a prefix (as GitHub does with `user-content-`) so that an element
// cannot clobber a theme's globals or ids (`<img id="CONFIG">` → window.CONFIG); in-page links
// are rewritten to match. Already prefixed values stay, so cleaning twice changes nothing.
const ID_PREFIX = 'feedmill-';
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);

/** Prefixes `id` and `name` values (empty ones go) and the `#fragment` links to them. */
export const namespaceIds: CleanPass = () => (node) => {
  if (!isTag(node)) return Verdict.Keep;
  const attributes = node.attribs;
  for (const name in attributes) {
    const value = attributes[name]!;
    if (name === 'id' || name === 'name') {
      if (value === '') delete attributes[name];
      else attributes[name] = namespaced(value);
    } else if (URL_ATTRIBUTES.has(name) && value.startsWith('#'))
      attributes[name] = `#${namespaced(value.slice(1))}`;
  }
  return Verdict.Keep;
};

function namespaced(value: string): string {
  return value.startsWith(ID_PREFIX) ? value : ID_PREFIX + value;
}
