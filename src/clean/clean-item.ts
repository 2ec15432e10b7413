import { selectAll } from 'css-select';
import type { ChildNode, Document } from 'domhandler';
import { DomHandler, isComment, isTag, isText } from 'domhandler';
import { removeElement } from 'domutils';
import type { CleanItem, Item } from '../model.ts';
import { streamHtml } from './html-events.ts';
import { resolveUrl } from './resolve-url.ts';
import { SafeHtmlWriter } from './safe-html-writer.ts';
import { DEFAULT_POLICY, type SanitizePolicy } from './sanitize-policy.ts';

/** Options for {@link cleanItem}; every one has a safe default. */
export interface CleanOptions {
  /** Base for relative URLs when the item has no link (the feed's URL). */
  feedUrl?: string;
  /** The allowlist; {@link DEFAULT_POLICY} unless given. */
  policy?: SanitizePolicy;
  /** Hosts whose iframes are kept (a host also allows its subdomains); none by default. */
  iframeHosts?: readonly string[];
  /** CSS selectors of elements removed with their content (site furniture such as QR boxes). */
  remove?: readonly string[];
  /** Keep `<style>` elements with real braces; dropped by default. */
  keepStyle?: boolean;
  /** Keep HTML comments (made harmless); dropped by default. */
  keepComments?: boolean;
}

/**
 * Sanitizes an item's HTML into safe, Hexo-ready HTML text (see {@link SafeHtmlWriter}) and picks
 * the post image: the first meaningful image of the body, else the feed's image for the item.
 */
export function cleanItem(item: Item, options: CleanOptions = {}): CleanItem {
  const bases = [item.url, options.feedUrl].filter((base): base is string => base !== undefined);
  const { html, images } = sanitizeHtml(item.html, { ...options, bases });
  const clean: CleanItem = { ...item, body: html };
  // The feed's own image (media:thumbnail, enclosure, JSON Feed image) is feed text too.
  const feedImage = item.image === undefined ? undefined : resolveUrl(item.image, bases, WEB_SCHEMES);
  const headImage = images[0] ?? feedImage;
  if (headImage) clean.headImage = quoteSafeUrl(headImage);
  return clean;
}

const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Themes print the post image raw into attributes and CSS `url()`; percent-encode the
 * characters a URL may still hold that could end either (`'`, `(`, `)`, space).
 */
function quoteSafeUrl(url: string): string {
  return url.replace(/['() ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sanitizes one HTML fragment; `bases` resolve relative URLs in order. */
export function sanitizeHtml(
  html: string,
  options: CleanOptions & { bases?: readonly string[] } = {},
): { html: string; images: string[] } {
  const writer = new SafeHtmlWriter({
    policy: options.policy ?? DEFAULT_POLICY,
    bases: options.bases ?? [],
    iframeHosts: (options.iframeHosts ?? []).map((host) => host.toLowerCase()),
    keepStyle: options.keepStyle ?? false,
    keepComments: options.keepComments ?? false,
  });
  if (options.remove && options.remove.length > 0) {
    // Selectors need a tree; without them the tokenizer's events feed the writer directly. The
    // tree is built from the same events, so both paths read markup (foreign content too) alike.
    const document = buildTree(html);
    for (const element of selectAll(options.remove.join(','), document)) removeElement(element);
    walk(document.children, writer);
  } else streamHtml(html, writer);
  return writer.finish();
}

/** A domhandler tree of `html` as {@link streamHtml} reads it. */
function buildTree(html: string): Document {
  const handler = new DomHandler();
  streamHtml(html, {
    openTag: (name, attributes) => handler.onopentag(name, attributes),
    text: (data) => handler.ontext(data),
    closeTag: () => handler.onclosetag(),
    comment: (data) => {
      handler.oncomment(data);
      handler.oncommentend();
    },
  });
  handler.onend();
  return handler.root;
}

function walk(nodes: readonly ChildNode[], writer: SafeHtmlWriter): void {
  for (const node of nodes) {
    if (isText(node)) writer.text(node.data);
    else if (isComment(node)) writer.comment(node.data);
    else if (isTag(node)) {
      writer.openTag(node.name, { ...node.attribs });
      walk(node.children, writer);
      writer.closeTag();
    }
  }
}
