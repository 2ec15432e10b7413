import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { escapeHtml, plainText, resolveUrl } from './feed-text.ts';
import { parseDate } from './parse-date.ts';
import type { ReadOptions } from './read-options.ts';
import { mediaImage } from './read-rss.ts';
import { childNamed, childrenNamed, textOf, type XmlElement, type XmlNode } from './xml-tree.ts';

/** Reads Atom 1.0 (RFC 4287) and Atom 0.3 into JSON Feed 1.1. */
export function readAtom(root: XmlElement, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const ns = root.ns;
  const feedBase = resolveUrl(root.attrs['xml:base'], options.url) ?? options.url;
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: plainText(readText(childNamed(root, ns, 'title'))),
    items: [],
  };
  const home = findLink(root, ns, 'alternate', feedBase);
  if (home) feed.home_page_url = home;
  const self = findLink(root, ns, 'self', feedBase);
  if (self) feed.feed_url = self;
  const subtitle = plainText(readText(childNamed(root, ns, 'subtitle') ?? childNamed(root, ns, 'tagline')));
  if (subtitle) feed.description = subtitle;
  const icon = resolveUrl(
    textOrUndefined(childNamed(root, ns, 'icon') ?? childNamed(root, ns, 'logo')),
    feedBase,
  );
  if (icon) feed.icon = icon;
  const language = root.attrs['xml:lang']?.trim();
  if (language) feed.language = language;
  const feedAuthors = readAuthors(root, ns);
  if (feedAuthors.length > 0) feed.authors = feedAuthors;

  for (const entry of childrenNamed(root, ns, 'entry')) {
    const base = resolveUrl(entry.attrs['xml:base'], feedBase) ?? feedBase;
    feed.items.push(readEntry(entry, ns, base, options, diagnostics, feedAuthors));
  }
  return feed;
}

function readEntry(
  entry: XmlElement,
  ns: string,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
  feedAuthors: JsonFeedAuthor[],
): JsonFeedItem {
  const id = textOrUndefined(childNamed(entry, ns, 'id'))?.trim();
  const link = findLink(entry, ns, 'alternate', base);
  const item: JsonFeedItem = { id: id || link || '' };
  if (link) item.url = link;
  const title = plainText(readText(childNamed(entry, ns, 'title')));
  if (title) item.title = title;
  const content = childNamed(entry, ns, 'content');
  const summary = childNamed(entry, ns, 'summary');
  const html = (content && readHtml(content)) || (summary && readHtml(summary));
  if (html?.trim()) item.content_html = html.trim();
  if (content && summary) {
    const summaryText = plainText(readText(summary));
    if (summaryText) item.summary = summaryText;
  }
  const publishedRaw = textOrUndefined(childNamed(entry, ns, 'published') ?? childNamed(entry, ns, 'issued'));
  const updatedRaw = textOrUndefined(childNamed(entry, ns, 'updated') ?? childNamed(entry, ns, 'modified'));
  const published = parseDate(publishedRaw, options.timezone) ?? parseDate(updatedRaw, options.timezone);
  if (published) item.date_published = published.toISOString();
  else if ((publishedRaw ?? updatedRaw)?.trim())
    diagnostics.push({
      code: 'bad-date',
      message: `unreadable date "${(publishedRaw ?? updatedRaw)?.trim()}"`,
      item: item.id,
    });
  const updated = parseDate(updatedRaw, options.timezone);
  if (updated) item.date_modified = updated.toISOString();
  const authors = readAuthors(entry, ns);
  if (authors.length > 0) item.authors = authors;
  else if (feedAuthors.length > 0) item.authors = feedAuthors;
  const tags = childrenNamed(entry, ns, 'category')
    .map((category) => plainText(category.attrs.label ?? category.attrs.term ?? ''))
    .filter(Boolean);
  if (tags.length > 0) item.tags = [...new Set(tags)];
  const attachments: JsonFeedAttachment[] = [];
  for (const enclosure of childrenNamed(entry, ns, 'link').filter((l) => l.attrs.rel === 'enclosure')) {
    const href = resolveUrl(enclosure.attrs.href, base);
    if (!href) continue;
    const attachment: JsonFeedAttachment = {
      url: href,
      mime_type: enclosure.attrs.type?.trim() || 'application/octet-stream',
    };
    const size = Number(enclosure.attrs.length);
    if (Number.isFinite(size) && size > 0) attachment.size_in_bytes = size;
    attachments.push(attachment);
  }
  if (attachments.length > 0) item.attachments = attachments;
  const image = mediaImage(entry, base);
  if (image) item.image = image;
  return item;
}

function findLink(parent: XmlElement, ns: string, rel: string, base: string | undefined): string | undefined {
  for (const link of childrenNamed(parent, ns, 'link')) {
    if ((link.attrs.rel ?? 'alternate') === rel) {
      const url = resolveUrl(link.attrs.href, base);
      if (url) return url;
    }
  }
  return undefined;
}

function readAuthors(parent: XmlElement, ns: string): JsonFeedAuthor[] {
  const authors: JsonFeedAuthor[] = [];
  for (const element of childrenNamed(parent, ns, 'author')) {
    const name = plainText(textOrUndefined(childNamed(element, ns, 'name')));
    const email = textOrUndefined(childNamed(element, ns, 'email'))?.trim();
    const uri = resolveUrl(
      textOrUndefined(childNamed(element, ns, 'uri') ?? childNamed(element, ns, 'url')),
      undefined,
    );
    const author: JsonFeedAuthor = {};
    if (name || email) author.name = name || email!;
    if (uri) author.url = uri;
    if (author.name || author.url) authors.push(author);
  }
  return authors;
}

function textOrUndefined(element: XmlElement | undefined): string | undefined {
  return element ? textOf(element) : undefined;
}

/** Atom text constructs (RFC 4287 §3.1) as text; markup is stripped by the caller. */
function readText(element: XmlElement | undefined): string | undefined {
  return element ? textOf(element) : undefined;
}

/** Atom content as HTML: text is escaped, html is taken as is, xhtml is serialized back. */
function readHtml(element: XmlElement): string {
  const type = (element.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const wrapper = element.children.find(
      (child): child is XmlElement => typeof child !== 'string' && child.local === 'div',
    );
    return serializeXhtml(wrapper ? wrapper.children : element.children);
  }
  if (type === 'html' || type === 'text/html') return textOf(element);
  if (element.attrs.mode === 'escaped' || element.attrs.mode === undefined) {
    return type === 'text' || type === 'text/plain' ? escapeHtml(textOf(element)) : textOf(element);
  }
  return textOf(element);
}

function serializeXhtml(nodes: XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeHtml(node);
      continue;
    }
    let attrs = '';
    for (const [name, value] of Object.entries(node.attrs)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      attrs += ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    }
    out += `<${node.local}${attrs}>${serializeXhtml(node.children)}</${node.local}>`;
  }
  return out;
}
