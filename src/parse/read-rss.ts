import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { plainText, resolveUrl } from './feed-text.ts';
import { NS } from './namespaces.ts';
import { parseDate } from './parse-date.ts';
import type { ReadOptions } from './read-options.ts';
import { childNamed, childrenNamed, elementsOf, textOf, type XmlElement } from './xml-tree.ts';

/** Reads RSS 0.9x, 1.0 (RDF) and 2.0 into JSON Feed 1.1. */
export function readRss(root: XmlElement, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const isRdf = root.local === 'RDF';
  const ns = isRdf ? findItemNs(root) : NS.none;
  const channel = isRdf
    ? (findChild(root, 'channel') ?? root)
    : (childNamed(root, NS.none, 'channel') ?? root);
  const text = (parent: XmlElement, local: string, namespace: string = ns): string | undefined => {
    const element = childNamed(parent, namespace, local);
    return element ? textOf(element) : undefined;
  };

  const home = resolveUrl(text(channel, 'link'), options.url);
  const selfLink = childrenNamed(channel, NS.atom, 'link').find((link) => (link.attrs.rel ?? '') === 'self');
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: plainText(text(channel, 'title')),
    items: [],
  };
  if (home) feed.home_page_url = home;
  const feedUrl =
    resolveUrl(selfLink?.attrs.href, options.url) ??
    (options.url && /^https?:/.test(options.url) ? options.url : undefined);
  if (feedUrl) feed.feed_url = feedUrl;
  const description = plainText(text(channel, 'description'));
  if (description) feed.description = description;
  const language = text(channel, 'language')?.trim() || text(channel, 'language', NS.dc)?.trim();
  if (language) feed.language = language;
  const imageElement = childNamed(isRdf ? root : channel, ns, 'image') ?? childNamed(channel, ns, 'image');
  const icon = imageElement ? resolveUrl(text(imageElement, 'url'), home ?? options.url) : undefined;
  if (icon) feed.icon = icon;

  const itemParent = isRdf ? root : channel;
  const base = home ?? options.url;
  for (const element of childrenNamed(itemParent, ns, 'item')) {
    feed.items.push(readItem(element, ns, base, options, diagnostics));
  }
  return feed;
}

function findItemNs(root: XmlElement): string {
  for (const child of elementsOf(root))
    if (child.local === 'channel' || child.local === 'item') return child.ns;
  return NS.rss10;
}

function findChild(parent: XmlElement, local: string): XmlElement | undefined {
  return elementsOf(parent).find((child) => child.local === local);
}

function readItem(
  element: XmlElement,
  ns: string,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
): JsonFeedItem {
  const text = (local: string, namespace: string = ns): string | undefined => {
    const child = childNamed(element, namespace, local);
    return child ? textOf(child) : undefined;
  };
  const title = plainText(text('title') ?? text('title', NS.dc));
  const link = resolveUrl(text('link'), base) ?? resolveUrl(element.attrs['rdf:about'], base);
  const guidElement = childNamed(element, ns, 'guid');
  const guid = guidElement ? textOf(guidElement).trim() : undefined;
  const permalink = guid && guidElement?.attrs.isPermaLink !== 'false' ? resolveUrl(guid, base) : undefined;
  const encoded = text('encoded', NS.content);
  const description = text('description');
  const html = (encoded?.trim() ? encoded : description)?.trim();

  const item: JsonFeedItem = { id: guid || link || permalink || '' };
  const url = link ?? permalink;
  if (url) item.url = url;
  if (title) item.title = title;
  if (html) item.content_html = html;
  if (encoded?.trim() && description?.trim()) {
    const summary = plainText(description);
    if (summary) item.summary = summary;
  }
  const rawDate = text('pubDate') ?? text('date', NS.dc) ?? text('issued', NS.dcterms);
  const published = parseDate(rawDate, options.timezone);
  if (published) item.date_published = published.toISOString();
  else if (rawDate?.trim())
    diagnostics.push({
      code: 'bad-date',
      message: `unreadable date "${rawDate.trim()}"`,
      item: item.id || title,
    });
  const modified = parseDate(text('modified', NS.dcterms), options.timezone);
  if (modified) item.date_modified = modified.toISOString();

  const authors = [
    ...childrenNamed(element, ns, 'author').map((child) => parseAuthor(textOf(child))),
    ...childrenNamed(element, NS.dc, 'creator').map((child) => parseAuthor(textOf(child))),
  ].filter((author): author is JsonFeedAuthor => author !== undefined);
  if (authors.length > 0) item.authors = authors;
  const tags = [...childrenNamed(element, ns, 'category'), ...childrenNamed(element, NS.dc, 'subject')]
    .map((child) => plainText(textOf(child)))
    .filter(Boolean);
  if (tags.length > 0) item.tags = [...new Set(tags)];

  const attachments: JsonFeedAttachment[] = [];
  for (const enclosure of childrenNamed(element, ns, 'enclosure')) {
    const href = resolveUrl(enclosure.attrs.url, base);
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
  const image =
    mediaImage(element, base) ??
    attachments.find((attachment) => attachment.mime_type.startsWith('image/'))?.url;
  if (image) item.image = image;
  return item;
}

/** The item's Media RSS thumbnail or image content, looking inside media:group too. */
export function mediaImage(element: XmlElement, base: string | undefined): string | undefined {
  const groups = [element, ...childrenNamed(element, NS.media, 'group')];
  for (const group of groups) {
    const thumbnail = childNamed(group, NS.media, 'thumbnail');
    const url = resolveUrl(thumbnail?.attrs.url, base);
    if (url) return url;
  }
  for (const group of groups) {
    for (const content of childrenNamed(group, NS.media, 'content')) {
      const type = content.attrs.type ?? '';
      if (content.attrs.medium === 'image' || type.startsWith('image/')) {
        const url = resolveUrl(content.attrs.url, base);
        if (url) return url;
      }
    }
  }
  return undefined;
}

/** "email (Name)", "Name <email>", or a bare name or email. */
export function parseAuthor(raw: string): JsonFeedAuthor | undefined {
  const text = plainText(raw);
  if (!text) return undefined;
  const paren = /^([^\s()]+@[^\s()]+)\s*\((.+)\)$/.exec(text);
  if (paren) return { name: paren[2]!.trim() };
  const angle = /^(.+?)\s*<([^>]+@[^>]+)>$/.exec(text);
  if (angle) return { name: angle[1]!.trim() };
  return { name: text };
}
