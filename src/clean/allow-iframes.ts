import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';

/**
 * Keeps an iframe only when its (absolute) `src` is https on a listed host or a subdomain of one,
 * and without content: browsers read an iframe's content as raw text and never show it, so
 * written back it would not read as the text it was (cleaning twice would change it).
 */
export const allowIframes: CleanPass =
  (_root, { iframeHosts }) =>
  (node) => {
    if (!isTag(node) || node.name !== 'iframe') return Verdict.Keep;
    if (!isAllowed(node.attribs.src, iframeHosts)) return Verdict.Drop;
    for (const child of node.children) child.parent = child.prev = child.next = null;
    node.children = [];
    return Verdict.Keep;
  };

function isAllowed(src: string | undefined, hosts: readonly string[]): boolean {
  if (src === undefined || !/^https:/i.test(src)) return false;
  const host = new URL(src).hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
