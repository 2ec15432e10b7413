import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { findLink, hrefOf, relOf } from './find-link.ts';
import { EMPTY_ITEM_DIAGNOSTIC, isEmptyItem } from './is-empty-item.ts';
import { NS } from './namespaces.ts';
import { noteOnce } from './note-once.ts';
import { addAuthors, joinAuthorAddresses, parseAuthor } from './parse-author.ts';
import { literalText, plainText, trimXmlSpace } from './plain-text.ts';
import { rdfTextsOf } from './rdf-texts.ts';
import { readDate } from './read-date.ts';
import {
  coverOf,
  mediaAttachments,
  mediaDescription,
  mediaImages,
  mediaPlayer,
  mediaTitle,
  positiveNumber,
} from './read-media.ts';
import { type FeedReader, MAX_PER_ITEM, type ReadOptions } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { sniffMediaType } from './sniff-media-type.ts';
import { htmlOf, resolveHtmlUrls, serializeXhtml } from './xhtml.ts';
import { childNamed, childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

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
      if (isEmptyItem(item)) {
        diagnostics.push(EMPTY_ITEM_DIAGNOSTIC);
        return true;
      }
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
    title: readTextConstruct(lastNamed(root, ns, 'title')),
    items: [],
  };
  const home = findLink(root, ns, 'alternate', rootBase);
  if (home) feed.home_page_url = home;
  const self = findLink(root, ns, 'self', rootBase) ?? webUrl(options.url);
  if (self) feed.feed_url = self;
  const subtitle = readTextConstruct(lastNamed(root, ns, 'subtitle') ?? lastNamed(root, ns, 'tagline'));
  if (subtitle) feed.description = subtitle;
  // RFC 4287 §4.2.8 logo is the large image (JSON Feed icon), §4.2.5 icon the small one (favicon).
  const imageBase = root.base ?? home ?? options.url;
  const logo = uriOf(childNamed(root, ns, 'logo'), imageBase);
  const icon = uriOf(childNamed(root, ns, 'icon'), imageBase);
  if (logo ?? icon) feed.icon = (logo ?? icon)!;
  if (icon) feed.favicon = icon;
  const language = root.lang;
  if (language) feed.language = language;
  const feedAuthors = readAtomAuthors(root, ns, rootBase);
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
  // RFC 4287 §4.1.2 allows one of each of these; of repeats the last counts, as in feedparser.
  const id = textOrUndefined(lastNamed(entry, ns, 'id'))?.trim();
  const content = alternativeOf(lastNamed(entry, ns, 'content'), ns);
  const contentSrc = resolveFeedUrl(content?.attrs.src, content?.base ?? base);
  // §4.1.3.2 out-of-line content: a page stands in for the link, media becomes an attachment.
  const srcType = content?.attrs.type?.trim().toLowerCase() ?? '';
  const srcIsPage = !srcType || /^(text|html|xhtml)$|^text\/|html/.test(srcType);
  const url = findLink(entry, ns, 'alternate', base) ?? (srcIsPage ? contentSrc : undefined);
  const item: JsonFeedItem = { id: id || '' };
  if (url) item.url = url;
  // The out-of-line page is where the content is: it is the link if there is no alternate,
  // else (before a related link) the external one.
  const related = (srcIsPage ? contentSrc : undefined) ?? findLink(entry, ns, 'related', base);
  if (related && related !== url) item.external_url = related;
  let title = readTextConstruct(lastNamed(entry, ns, 'title'));
  if (!title) {
    title = literalText(textOrUndefined(childNamed(entry, NS.itunes, 'title')));
    if (title)
      noteOnce(
        diagnostics,
        'itunes-fallback',
        'an item without a title was given its itunes:title',
        id || url,
      );
  }
  title ||= plainText(mediaTitle(entry));
  if (title) item.title = title;

  const summary = lastNamed(entry, ns, 'summary');
  const label = id || url || title;
  // §4.1.3.2: content with src is out of line (a link, no body); the summary stands in for it.
  const inline =
    content && !content.attrs.src ? readAtomContent(content, base, diagnostics, label) : undefined;
  const body = inline ?? (summary ? readAtomContent(summary, base, diagnostics, label) : undefined);
  if (body?.html) item.content_html = body.html;
  else if (body?.text) item.content_text = body.text;
  else {
    const media = mediaDescription(entry);
    if (media?.html) item.content_html = media.text;
    else if (media) item.content_text = media.text;
  }
  if (summary && inline) {
    const summaryText = readTextConstruct(summary);
    if (summaryText) item.summary = summaryText;
  }

  const text = (local: string, namespace: string = ns): string | undefined =>
    textOrUndefined(lastNamed(entry, namespace, local));
  // Atom 0.3 named its dates issued, created and modified; Dublin Core's are read as RSS reads them.
  const updatedRaw = [text('updated'), text('modified'), text('modified', NS.dcterms)];
  const published = readDate(
    [
      text('published'),
      text('issued'),
      text('created'),
      text('date', NS.dc),
      text('issued', NS.dcterms),
      text('created', NS.dcterms),
    ],
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
  let authors = readAtomAuthors(entry, ns, base);
  const source = childNamed(entry, ns, 'source');
  if (authors.length === 0 && source) authors = readAtomAuthors(source, ns, source.base ?? base);
  if (authors.length === 0) {
    addAuthors(authors, [
      ...rdfTextsOf(entry, NS.dc, 'creator').map(parseAuthor),
      ...childrenNamed(entry, NS.dc, 'author').map((element) => parseAuthor(textOf(element))),
      parseAuthor(textOrUndefined(childNamed(entry, NS.itunes, 'author'))),
    ]);
  }
  authors = joinAuthorAddresses(authors);
  if (authors.length > 0) item.authors = authors;

  // dc:subject is how Atom 0.3 feeds (Blogger, TypePad, Movable Type) gave categories.
  const tags = [
    ...childrenNamed(entry, ns, 'category').map((category) =>
      literalText(category.attrs.label ?? category.attrs.term ?? textOf(category)),
    ),
    ...rdfTextsOf(entry, NS.dc, 'subject').map(literalText),
  ].filter(Boolean);
  if (tags.length > 0) item.tags = [...new Set(tags)];

  const attachments: JsonFeedAttachment[] = [];
  for (const link of childrenNamed(entry, ns, 'link')) {
    if (relOf(link) !== 'enclosure') continue;
    const href = resolveFeedUrl(hrefOf(link), link.base ?? base);
    if (attachments.length >= MAX_PER_ITEM) break;
    if (!href || attachments.some((known) => known.url === href)) continue;
    const attachment: JsonFeedAttachment = {
      url: href,
      mime_type: link.attrs.type?.trim() || sniffMediaType(href) || 'application/octet-stream',
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
  // Atom has no item image of its own; an itunes:image in an entry is one.
  const images = mediaImages(entry, base, [childNamed(entry, NS.itunes, 'image')]);
  const image =
    coverOf(images) ?? attachments.find((attachment) => attachment.mime_type.startsWith('image/'))?.url;
  if (image) item.image = image;
  const player = mediaPlayer(entry, base);
  if (images.length > 0 || player) {
    item._feedmill = {};
    if (images.length > 0) item._feedmill.images = images;
    if (player) item._feedmill.player = player;
  }
  const language = content?.lang ?? entry.lang;
  if (language && language !== feedLanguage) item.language = language;
  return item;
}

/** Atom authors (RFC 4287 §3.2) of an element: name, email as a mailto: url, uri. */
export function readAtomAuthors(parent: XmlElement, ns: string, base: string | undefined): JsonFeedAuthor[] {
  const authors: JsonFeedAuthor[] = [];
  for (const element of childrenNamed(parent, ns, 'author')) {
    // A name written as an address ("joe@example.org", "Joe <joe@example.org>") is read as RSS
    // reads one: an address is a url (mailto:), never a name (JSON Feed 1.1 author).
    const nameText = literalText(textOrUndefined(childNamed(element, ns, 'name')));
    const named = nameText.includes('@') ? parseAuthor(nameText) : { name: nameText };
    const email = textOrUndefined(childNamed(element, ns, 'email'))?.trim();
    // Atom 1.0 says uri; 0.3 said url, and the drafts before it homepage.
    const uriElement =
      childNamed(element, ns, 'uri') ?? childNamed(element, ns, 'url') ?? childNamed(element, ns, 'homepage');
    const uri = uriElement ? uriOf(uriElement, base) : undefined;
    const author: JsonFeedAuthor = {};
    if (named?.name) author.name = named.name;
    const mailto = email && /^[^\s@]+@[^\s@]+$/.test(email) ? `mailto:${email}` : named?.url;
    const url = uri ?? mailto;
    if (url) author.url = url;
    if (author.name || author.url) addAuthors(authors, [author]);
  }
  return authors;
}

function uriOf(element: XmlElement | undefined, base: string | undefined): string | undefined {
  return element ? resolveFeedUrl(textOf(element), element.base ?? base) : undefined;
}

function textOrUndefined(element: XmlElement | undefined): string | undefined {
  return element ? textOf(element) : undefined;
}

/** The last child with this name: for the elements RFC 4287 allows once, of repeats the last counts. */
function lastNamed(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  const children = parent.children;
  for (let index = children.length - 1; index >= 0; index--) {
    const child = children[index]!;
    if (typeof child !== 'string' && child.local === local && child.ns === ns) return child;
  }
  return undefined;
}

function webUrl(url: string | undefined): string | undefined {
  return url && /^https?:/i.test(url) ? resolveFeedUrl(url, undefined) : undefined;
}

/**
 * Atom 0.3 §3.1.3: content of type multipart/alternative holds the same content in several
 * types, each a content child; the richest is read (HTML, then XHTML or XML, then text).
 */
function alternativeOf(content: XmlElement | undefined, ns: string): XmlElement | undefined {
  if (content?.attrs.type?.trim().toLowerCase() !== 'multipart/alternative') return content;
  let best: XmlElement | undefined;
  let bestRank = -1;
  for (const alternative of childrenNamed(content, ns, 'content')) {
    const rank = ALTERNATIVE_RANK[kindOf(alternative).kind];
    if (rank > bestRank) {
      best = alternative;
      bestRank = rank;
    }
  }
  return best ?? content;
}

type Kind = 'text' | 'html' | 'xhtml' | 'xml' | 'binary';

const ALTERNATIVE_RANK: Record<Kind, number> = { html: 3, xhtml: 2, xml: 2, text: 1, binary: 0 };

/**
 * How to read an Atom 1.0 text construct or content (RFC 4287 §3.1, §4.1.3.3), or an Atom 0.3
 * one, whose `type` is a MIME type (default text/plain) and `mode` is xml, escaped or base64.
 * `decoded` is the text when it must be taken from the element's text (escaped, base64).
 */
function kindOf(element: XmlElement): { kind: Kind; mime: string; decoded?: string } {
  const mode = element.attrs.mode?.trim().toLowerCase();
  // Atom 0.3 defaults to text/plain, but an explicit mode="escaped" only makes sense for markup.
  const type = element.attrs.type?.trim().toLowerCase();
  const semicolon = type ? type.indexOf(';') : -1;
  const mime =
    (semicolon === -1 ? type : type!.slice(0, semicolon).trimEnd()) || (mode === 'escaped' ? 'html' : 'text');
  let kind: Kind;
  if (mime === 'text' || mime === 'text/plain') kind = 'text';
  else if (mime === 'html' || mime === 'text/html') kind = 'html';
  else if (mime === 'xhtml' || mime === 'application/xhtml+xml') kind = 'xhtml';
  else if (mime.endsWith('+xml') || mime.endsWith('/xml')) kind = 'xml';
  else if (mime.startsWith('text/')) kind = 'text';
  else kind = 'binary';
  if (mode === 'base64') {
    const decoded = decodeBase64(textOf(element));
    return { kind: kind === 'xhtml' || kind === 'xml' ? 'html' : kind, mime, decoded };
  }
  // Escaped XHTML (Atom 0.3) is markup held as text: it reads as HTML.
  if (mode === 'escaped' && kind === 'xhtml') return { kind: 'html', mime };
  return { kind, mime };
}

/** An Atom text construct (RFC 4287 §3.1) as plain text. */
export function readTextConstruct(element: XmlElement | undefined): string {
  if (!element) return '';
  const { kind, decoded } = kindOf(element);
  const raw = decoded ?? textOf(element);
  switch (kind) {
    case 'html':
      // §3.1.1.2: the text is escaped markup; its tags go, its entities are decoded.
      return plainText(raw);
    case 'xhtml': {
      // §3.1.1.3: the children of the one xhtml div; escaped markup in it (&lt;b&gt;) is text.
      const wrapper = childNamed(element, NS.xhtml, 'div');
      return literalText(textOf(wrapper ?? element));
    }
    case 'binary':
      return '';
    default:
      // §3.1.1.1 text (and XML, whose character data is its text): "<" here is a character.
      return literalText(raw);
  }
}

/** Atom content or summary (RFC 4287 §4.1.3): HTML for html/xhtml/XML types, text for text types. */
export function readAtomContent(
  element: XmlElement,
  base: string | undefined,
  diagnostics: Diagnostic[],
  label: string | undefined,
): { html?: string; text?: string } | undefined {
  const { kind, mime, decoded } = kindOf(element);
  if (kind === 'xhtml' || kind === 'xml') {
    // RFC 4287 §4.1.3.3: the xhtml div wraps the content and is not part of it.
    const wrapper = kind === 'xhtml' ? childNamed(element, NS.xhtml, 'div') : undefined;
    const html = serializeXhtml(wrapper ? wrapper.children : element.children, element.base ?? base).trim();
    return html ? { html } : undefined;
  }
  if (kind === 'binary') {
    // §4.1.3.3: other media types are Base64 data, which a post cannot show inline.
    if (textOf(element).trim())
      diagnostics.push({
        code: 'unsupported-content',
        message: `inline content of type "${mime.slice(0, 80)}" was skipped`,
        ...(label ? { item: label } : {}),
      });
    return undefined;
  }
  if (kind === 'text') {
    const text = trimXmlSpace(decoded ?? textOf(element));
    return text ? { text } : undefined;
  }
  // Unescaped markup inside type="html" is invalid but common: it is kept as HTML.
  const raw = trimXmlSpace(decoded ?? htmlOf(element));
  if (!raw) return undefined;
  // Relative URLs in the markup resolve against an explicit xml:base (the clean stage only knows the item link).
  return { html: element.base ? resolveHtmlUrls(raw, element.base) : raw };
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/[ \t\r\n]+/g, ''), 'base64').toString('utf8');
}
