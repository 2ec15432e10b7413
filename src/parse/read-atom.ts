import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { addAuthors, literalText, MAX_PER_ITEM, plainText, resolveUrl } from './feed-text.ts';
import { NS } from './namespaces.ts';
import { readDate } from './read-date.ts';
import { mediaAttachments, mediaDescription, mediaImage, mediaTitle, positiveNumber } from './read-media.ts';
import type { FeedReader, ReadOptions } from './read-options.ts';
import { htmlOf, resolveHtmlUrls, serializeXhtml } from './xhtml.ts';
import { childNamed, childrenNamed, elementsOf, textOf, type XmlElement } from './xml-tree.ts';

/** Reads Atom 1.0 (RFC 4287) and Atom 0.3 into JSON Feed 1.1, from a whole tree. */
export function readAtom(root: XmlElement, options: ReadOptions, diagnostics: Diagnostic[]): JsonFeed {
  const reader = createAtomReader(options, diagnostics);
  for (const element of elementsOf(root)) reader.accept(element, root, root);
  return reader.finish(root);
}

/**
 * An Atom reader that takes entries one by one as the tree builder closes them (so that their
 * subtrees can be dropped at once), then the feed element. Entries without authors get the
 * feed's at the end (RFC 4287 §4.2.1), since those may follow the entries.
 */
export function createAtomReader(options: ReadOptions, diagnostics: Diagnostic[]): FeedReader {
  const items: JsonFeedItem[] = [];
  const authorless = new Set<JsonFeedItem>();
  let base: string | undefined;
  let started = false;
  return {
    accept(element, parent, root) {
      if (element.local !== 'entry' || element.ns !== root.ns || parent !== root) return false;
      if (!started) {
        started = true;
        base = findLink(root, root.ns, 'alternate', root.base ?? options.url) ?? options.url;
      }
      const item = readEntry(element, root.ns, element.base ?? base, options, diagnostics, root.lang);
      if (!item.authors) authorless.add(item);
      items.push(item);
      return true;
    },
    finish(root) {
      const feed = readFeedElement(root, options);
      if (feed.authors) for (const item of authorless) item.authors = feed.authors;
      feed.items = items;
      return feed;
    },
  };
}

function readFeedElement(root: XmlElement, options: ReadOptions): JsonFeed {
  const ns = root.ns;
  const rootBase = root.base ?? options.url;
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: readTitle(childNamed(root, ns, 'title')),
    items: [],
  };
  const home = findLink(root, ns, 'alternate', rootBase);
  if (home) feed.home_page_url = home;
  const self =
    findLink(root, ns, 'self', rootBase) ??
    (options.url && /^https?:/.test(options.url) ? options.url : undefined);
  if (self) feed.feed_url = self;
  const subtitle = readTitle(childNamed(root, ns, 'subtitle') ?? childNamed(root, ns, 'tagline'));
  if (subtitle) feed.description = subtitle;
  // RFC 4287 §4.2.8 logo is the large image (JSON Feed icon), §4.2.5 icon the small one (favicon).
  const imageBase = root.base ?? home ?? options.url;
  const logo = uriOf(childNamed(root, ns, 'logo'), imageBase);
  const icon = uriOf(childNamed(root, ns, 'icon'), imageBase);
  if (logo ?? icon) feed.icon = (logo ?? icon)!;
  if (icon) feed.favicon = icon;
  const language = root.lang;
  if (language) feed.language = language;
  const feedAuthors = readAuthors(root, ns, rootBase);
  if (feedAuthors.length > 0) feed.authors = feedAuthors;
  return feed;
}

function readEntry(
  entry: XmlElement,
  ns: string,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
  feedLanguage: string | undefined,
): JsonFeedItem {
  const id = textOrUndefined(childNamed(entry, ns, 'id'))?.trim();
  const content = childNamed(entry, ns, 'content');
  const contentSrc = resolveUrl(content?.attrs.src, content?.base ?? base);
  // §4.1.3.2 out-of-line content: a page stands in for the link, media becomes an attachment.
  const srcType = content?.attrs.type?.trim().toLowerCase() ?? '';
  const srcIsPage = !srcType || /^(text|html|xhtml)$|^text\/|html/.test(srcType);
  const url = findLink(entry, ns, 'alternate', base) ?? (srcIsPage ? contentSrc : undefined);
  const item: JsonFeedItem = { id: id || '' };
  if (url) item.url = url;
  const related = findLink(entry, ns, 'related', base);
  if (related && related !== url) item.external_url = related;
  const title = readTitle(childNamed(entry, ns, 'title')) || plainText(mediaTitle(entry));
  if (title) item.title = title;

  const summary = childNamed(entry, ns, 'summary');
  const body =
    (content && !content.attrs.src ? readContent(content, base) : undefined) ??
    (summary ? readContent(summary, base) : undefined);
  if (body?.html) item.content_html = body.html;
  else if (body?.text) item.content_text = body.text;
  else {
    const media = mediaDescription(entry);
    if (media?.html) item.content_html = media.text;
    else if (media) item.content_text = media.text;
  }
  if (summary && (item.content_html || item.content_text) && content && !content.attrs.src) {
    const summaryText = readTitle(summary);
    if (summaryText) item.summary = summaryText;
  }

  const label = item.id || url || title;
  const text = (local: string, namespace: string = ns): string | undefined =>
    textOrUndefined(childNamed(entry, namespace, local));
  const updatedRaw = [text('updated'), text('modified')];
  const published = readDate(
    [text('published'), text('issued'), text('created'), text('date', NS.dc)],
    options.timezone,
    diagnostics,
    label,
  );
  const updated = readDate(updatedRaw, options.timezone, published ? [] : diagnostics, label);
  // RFC 4287 requires atom:updated but not atom:published: the update stands in for it.
  const datePublished = published ?? updated;
  if (datePublished) item.date_published = datePublished;
  if (updated) item.date_modified = updated;

  // §4.2.1: an entry without authors takes those of its atom:source, then of the feed.
  let authors = readAuthors(entry, ns, base);
  const source = childNamed(entry, ns, 'source');
  if (authors.length === 0 && source) authors = readAuthors(source, ns, source.base ?? base);
  if (authors.length === 0) {
    addAuthors(
      authors,
      childrenNamed(entry, NS.dc, 'creator').map((element) => authorName(textOf(element))),
    );
  }
  if (authors.length > 0) item.authors = authors;

  const tags = childrenNamed(entry, ns, 'category')
    .map((category) => literalText(category.attrs.label ?? category.attrs.term ?? textOf(category)))
    .filter(Boolean);
  if (tags.length > 0) item.tags = [...new Set(tags)];

  const attachments: JsonFeedAttachment[] = [];
  for (const link of childrenNamed(entry, ns, 'link')) {
    if (link.attrs.rel?.trim() !== 'enclosure') continue;
    const href = resolveUrl(link.attrs.href, link.base ?? base);
    if (attachments.length >= MAX_PER_ITEM) break;
    if (!href || attachments.some((known) => known.url === href)) continue;
    const attachment: JsonFeedAttachment = {
      url: href,
      mime_type: link.attrs.type?.trim() || 'application/octet-stream',
    };
    const linkTitle = literalText(link.attrs.title);
    if (linkTitle) attachment.title = linkTitle;
    const size = positiveNumber(link.attrs.length);
    if (size !== undefined) attachment.size_in_bytes = size;
    attachments.push(attachment);
  }
  if (contentSrc && !srcIsPage && !attachments.some((known) => known.url === contentSrc))
    attachments.push({ url: contentSrc, mime_type: srcType });
  for (const media of mediaAttachments(entry, base))
    if (attachments.length < MAX_PER_ITEM && !attachments.some((known) => known.url === media.url))
      attachments.push(media);
  if (attachments.length > 0) item.attachments = attachments;
  const image =
    mediaImage(entry, base) ??
    attachments.find((attachment) => attachment.mime_type.startsWith('image/'))?.url;
  if (image) item.image = image;
  const language = content?.lang ?? entry.lang;
  if (language && language !== feedLanguage) item.language = language;
  return item;
}

function authorName(raw: string): JsonFeedAuthor | undefined {
  const name = plainText(raw);
  return name ? { name } : undefined;
}

/** The first link with this rel (default "alternate"); for alternates, an HTML one is preferred. */
function findLink(parent: XmlElement, ns: string, rel: string, base: string | undefined): string | undefined {
  let fallback: string | undefined;
  for (const link of childrenNamed(parent, ns, 'link')) {
    if ((link.attrs.rel?.trim() || 'alternate') !== rel) continue;
    const url = resolveUrl(link.attrs.href, link.base ?? base);
    if (!url) continue;
    const type = link.attrs.type?.trim().toLowerCase();
    if (rel !== 'alternate' || !type || type === 'text/html' || type === 'application/xhtml+xml') return url;
    fallback ??= url;
  }
  return fallback;
}

function readAuthors(parent: XmlElement, ns: string, base: string | undefined): JsonFeedAuthor[] {
  const authors: JsonFeedAuthor[] = [];
  for (const element of childrenNamed(parent, ns, 'author')) {
    const name = literalText(textOrUndefined(childNamed(element, ns, 'name')));
    const email = textOrUndefined(childNamed(element, ns, 'email'))?.trim();
    const uriElement = childNamed(element, ns, 'uri') ?? childNamed(element, ns, 'url');
    const uri = uriElement ? uriOf(uriElement, base) : undefined;
    const author: JsonFeedAuthor = {};
    if (name || email) author.name = name || email!;
    if (uri) author.url = uri;
    else if (email && /^[^\s@]+@[^\s@]+$/.test(email)) author.url = `mailto:${email}`;
    if (author.name || author.url) addAuthors(authors, [author]);
  }
  return authors;
}

function uriOf(element: XmlElement | undefined, base: string | undefined): string | undefined {
  return element ? resolveUrl(textOf(element), element.base ?? base) : undefined;
}

function textOrUndefined(element: XmlElement | undefined): string | undefined {
  return element ? textOf(element) : undefined;
}

/** The type of an Atom 1.0 or 0.3 text construct or content, with 0.3's mode. */
function kindOf(element: XmlElement): { type: string; mode: string } {
  const mode = (element.attrs.mode ?? 'escaped').trim().toLowerCase();
  // Atom 0.3 defaults to text/plain, but an explicit mode="escaped" only makes sense for markup.
  const fallback = element.attrs.mode !== undefined && mode === 'escaped' ? 'html' : 'text';
  const type = (element.attrs.type ?? fallback).trim().toLowerCase();
  return { type, mode };
}

/** An Atom text construct (RFC 4287 §3.1) as plain text. */
function readTitle(element: XmlElement | undefined): string {
  if (!element) return '';
  const { type, mode } = kindOf(element);
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml')
    return plainText(textOf(element));
  const raw = mode === 'base64' ? decodeBase64(textOf(element)) : textOf(element);
  if (type === 'html' || type === 'text/html') return plainText(raw);
  return literalText(raw);
}

/** Atom content or summary (RFC 4287 §4.1.3): HTML for html/xhtml/XML types, else plain text. */
function readContent(
  element: XmlElement,
  base: string | undefined,
): { html?: string; text?: string } | undefined {
  const { type, mode } = kindOf(element);
  if (
    type === 'xhtml' ||
    type === 'application/xhtml+xml' ||
    (mode === 'xml' && type !== 'text' && type !== 'text/plain')
  ) {
    // RFC 4287 §4.1.3.3: the xhtml div wraps the content and is not part of it.
    const wrapper = childNamed(element, NS.xhtml, 'div');
    const html = serializeXhtml(wrapper ? wrapper.children : element.children, element.base ?? base).trim();
    return html ? { html } : undefined;
  }
  const isHtml = type === 'html' || type === 'text/html';
  // Unescaped markup inside type="html" is invalid but common: it is kept as HTML.
  const raw = (
    mode === 'base64' ? decodeBase64(textOf(element)) : isHtml ? htmlOf(element) : textOf(element)
  ).trim();
  if (!raw) return undefined;
  // Relative URLs in the markup resolve against an explicit xml:base (the clean stage only knows the item link).
  if (isHtml) return { html: element.base ? resolveHtmlUrls(raw, element.base) : raw };
  if (type === 'text' || type.startsWith('text/')) return { text: raw };
  if (type.endsWith('+xml') || type.endsWith('/xml')) return { html: serializeXhtml(element.children, base) };
  return undefined;
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}
