import type { ChildNode, Element } from 'domhandler';
import { isComment, isTag, isText } from 'domhandler';
import { findAll } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { CleanItem, Item } from '../model.ts';

/** Options for {@link cleanItem}. */
export interface CleanOptions {
  /** Base for relative URLs when the item has no link (the feed's URL). */
  feedUrl?: string;
}

// Elements removed with everything inside them.
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'meta',
  'base',
  'link',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'title',
  'head',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'background', 'longdesc']);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Sanitizes an item's HTML into a tree: no scripts or handlers, absolute URLs, images marked no-referrer. */
export function cleanItem(item: Item, options: CleanOptions = {}): CleanItem {
  const document = parseDocument(item.html, { decodeEntities: true });
  const base = item.url ?? options.feedUrl;
  cleanChildren(document.children, base);
  const images = findAll(
    (element) => element.name === 'img' && Boolean(element.attribs.src),
    document.children,
  ).map((element) => element.attribs.src!);
  const clean: CleanItem = { ...item, body: document.children };
  const headImage = images[0] ?? item.image;
  if (headImage) clean.headImage = headImage;
  return clean;
}

function cleanChildren(children: ChildNode[], base: string | undefined): void {
  for (let index = children.length - 1; index >= 0; index--) {
    const node = children[index]!;
    if (isComment(node) || (!isTag(node) && !isText(node))) {
      children.splice(index, 1);
      continue;
    }
    if (!isTag(node)) continue;
    const name = node.name.toLowerCase();
    if (DROP_WITH_CONTENT.has(name)) {
      children.splice(index, 1);
      continue;
    }
    cleanAttributes(node, base);
    cleanChildren(node.children, base);
  }
}

function cleanAttributes(element: Element, base: string | undefined): void {
  for (const name of Object.keys(element.attribs)) {
    const lower = name.toLowerCase();
    const value = element.attribs[name] ?? '';
    if (lower.startsWith('on') || lower === 'srcdoc' || lower === 'formaction' || lower === 'style') {
      delete element.attribs[name];
    } else if (URL_ATTRIBUTES.has(lower)) {
      const absolute = absoluteUrl(value, base, element.name === 'img' && lower === 'src');
      if (absolute === undefined) delete element.attribs[name];
      else element.attribs[name] = absolute;
    } else if (lower === 'srcset') {
      delete element.attribs[name];
    }
  }
  if (element.name === 'img') {
    element.attribs.referrerpolicy = 'no-referrer';
    element.attribs.loading = 'lazy';
    element.attribs.decoding = 'async';
  }
  if (element.name === 'a' && element.attribs.target) element.attribs.rel = 'noopener noreferrer';
}

function absoluteUrl(value: string, base: string | undefined, isImage: boolean): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return trimmed || undefined;
  const candidate = trimmed.startsWith('//') ? `https:${trimmed}` : trimmed;
  let url: URL;
  if (URL.canParse(candidate)) url = new URL(candidate);
  else if (base && /^https?:/i.test(base) && URL.canParse(candidate, base)) url = new URL(candidate, base);
  else return undefined;
  if (SAFE_SCHEMES.has(url.protocol)) return url.href;
  if (isImage && url.protocol === 'data:' && /^data:image\/(png|gif|jpeg|webp|avif);/i.test(trimmed))
    return trimmed;
  return undefined;
}
