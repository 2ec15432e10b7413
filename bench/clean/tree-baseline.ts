import { selectAll } from 'css-select';
import render from 'dom-serializer';
import type { ChildNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { removeElement } from 'domutils';
import { parseDocument } from 'htmlparser2';
import sanitize from 'sanitize-html';
import {
  isMeaningfulImage,
  isPlaceholderSource,
  isTrackingPixel,
  LAZY_SOURCE_ATTRIBUTES,
} from '../../src/clean/image-policy.ts';
import { DEFAULT_POLICY } from '../../src/clean/index.ts';
import { resolveSrcset, resolveUrl } from '../../src/clean/resolve-url.ts';
import { sanitizeStyle } from '../../src/clean/sanitize-style.ts';

// The peers of the benchmark: the same cleaning done the classic way, on a domhandler tree
// serialized by dom-serializer, and by sanitize-html. Both reuse feedmill's policy data and URL,
// style and image checks, so only the HTML machinery differs.

const policy = DEFAULT_POLICY;
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite']);
/** htmlparser2 parse + dom-serializer and nothing else: the floor a tree-based cleaner is held to. */
export function roundTrip(html: string): string {
  return render(parseDocument(html, { decodeEntities: true }).children, {
    encodeEntities: 'utf8',
    emptyAttrs: true,
  });
}

/** htmlparser2 tree + in-place transformations + dom-serializer. */
export function treeClean(html: string, bases: readonly string[], remove?: readonly string[]): string {
  const document = parseDocument(html, { decodeEntities: true });
  if (remove && remove.length > 0)
    for (const element of selectAll(remove.join(','), document)) removeElement(element);
  cleanNodes(document.children, bases);
  return render(document.children, { encodeEntities: 'utf8', emptyAttrs: true });
}

function cleanNodes(nodes: ChildNode[], bases: readonly string[]): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (isText(node)) continue;
    if (!isTag(node)) {
      nodes.splice(index--, 1);
      continue;
    }
    const name = node.name;
    if (
      policy.dropWithContent.has(name) ||
      name === 'iframe' ||
      (name === 'img' && !cleanImage(node, bases))
    ) {
      nodes.splice(index--, 1);
      continue;
    }
    if (!policy.elements.has(name)) {
      // Unwrap: the children take the element's place and are visited next.
      for (const child of node.children) child.parent = node.parent;
      nodes.splice(index--, 1, ...node.children);
      continue;
    }
    if (name !== 'img') cleanAttributes(node, bases);
    cleanNodes(node.children, bases);
  }
}

function cleanAttributes(element: Element, bases: readonly string[]): void {
  const allowed = policy.attributes[element.name];
  const kept: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(element.attribs)) {
    if (!(policy.globalAttributes.has(attribute) || allowed?.has(attribute))) continue;
    if (URL_ATTRIBUTES.has(attribute)) {
      const url = resolveUrl(
        value,
        bases,
        policy.urlSchemes[attribute]!,
        element.name === 'img' ? policy.imageDataTypes : undefined,
      );
      if (url !== undefined) kept[attribute] = url.startsWith('#') ? `#${namespaced(url.slice(1))}` : url;
    } else if (attribute === 'srcset') {
      const srcset = resolveSrcset(value, bases, policy.urlSchemes.srcset!);
      if (srcset !== undefined) kept[attribute] = srcset;
    } else if (attribute === 'style') {
      const style = sanitizeStyle(value, policy.styleProperties);
      if (style !== undefined) kept[attribute] = style;
    } else if (attribute === 'target') {
      if (policy.targets.has(value)) kept[attribute] = value;
    } else if (attribute === 'id' || attribute === 'name') {
      if (value !== '') kept[attribute] = namespaced(value);
    } else if (attribute !== 'rel') kept[attribute] = value;
  }
  if (element.name === 'a' && kept.target === '_blank') kept.rel = 'noopener noreferrer';
  element.attribs = kept;
}

const namespaced = (value: string) => (value.startsWith('feedmill-') ? value : `feedmill-${value}`);

function cleanImage(element: Element, bases: readonly string[]): boolean {
  const attributes = element.attribs;
  if (isPlaceholderSource(attributes.src)) {
    const lazy = LAZY_SOURCE_ATTRIBUTES.find((name) => attributes[name]);
    if (lazy) attributes.src = attributes[lazy]!;
  }
  cleanAttributes(element, bases);
  const src = element.attribs.src;
  if (src === undefined || isTrackingPixel(src, element.attribs.width, element.attribs.height)) return false;
  isMeaningfulImage(src, element.attribs);
  Object.assign(element.attribs, { referrerpolicy: 'no-referrer', loading: 'lazy', decoding: 'async' });
  return true;
}

const globalAttributes = [...policy.globalAttributes].filter((name) => name !== 'style');
const allowedAttributes: Record<string, string[]> = { '*': [...globalAttributes, 'style'] };
for (const [element, names] of Object.entries(policy.attributes)) allowedAttributes[element] = [...names];
allowedAttributes.img = [...(allowedAttributes.img ?? []), 'referrerpolicy', 'loading', 'decoding'];
const styleValue = [/^[^()\\/<>{}@;&]*$/];
const allowedStyles = {
  '*': Object.fromEntries([...policy.styleProperties].map((name) => [name, styleValue])),
};

/** sanitize-html with the same allowlist, URL resolution, image rewriting and pixel removal. */
export function sanitizeHtmlClean(html: string, bases: readonly string[]): string {
  const absolute = (attribute: string, value: string | undefined) =>
    value === undefined
      ? undefined
      : resolveUrl(value, bases, policy.urlSchemes[attribute]!, policy.imageDataTypes);
  return sanitize(html, {
    allowedTags: [...policy.elements].filter((name) => name !== 'iframe'),
    allowedAttributes,
    allowedStyles,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    nonTextTags: [...policy.dropWithContent],
    transformTags: {
      a: (tagName, attribs) => {
        const href = absolute('href', attribs.href);
        const next: Record<string, string> = { ...attribs };
        if (href === undefined) delete next.href;
        else next.href = href;
        if (next.target === '_blank') next.rel = 'noopener noreferrer';
        return { tagName, attribs: next };
      },
      img: (tagName, attribs) => {
        const next: Record<string, string> = { ...attribs };
        if (isPlaceholderSource(next.src)) {
          const lazy = LAZY_SOURCE_ATTRIBUTES.find((name) => next[name]);
          if (lazy) next.src = next[lazy]!;
        }
        const src = absolute('src', next.src);
        if (src === undefined) delete next.src;
        else next.src = src;
        if (next.srcset) next.srcset = resolveSrcset(next.srcset, bases, policy.urlSchemes.srcset!) ?? '';
        return {
          tagName,
          attribs: { ...next, referrerpolicy: 'no-referrer', loading: 'lazy', decoding: 'async' },
        };
      },
    },
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      (!frame.attribs.src || isTrackingPixel(frame.attribs.src, frame.attribs.width, frame.attribs.height)),
  });
}
