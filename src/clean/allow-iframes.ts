import { isTag } from 'domhandler';
import type { CleanPass } from './clean-pass.ts';
import { Verdict } from './filter-nodes.ts';

/** Keeps an iframe only when its (absolute) `src` is https on a listed host or a subdomain of one. */
export const allowIframes: CleanPass =
  (_root, { iframeHosts }) =>
  (node) =>
    isTag(node) && node.name === 'iframe' && !isAllowed(node.attribs.src, iframeHosts)
      ? Verdict.Drop
      : Verdict.Keep;

function isAllowed(src: string | undefined, hosts: readonly string[]): boolean {
  if (src === undefined || !/^https:/i.test(src)) return false;
  const host = new URL(src).hostname.toLowerCase();
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
