import type { Diagnostic } from '../errors.ts';
import type { JsonFeed, JsonFeedAttachment, JsonFeedAuthor, JsonFeedItem } from '../model.ts';
import { findLink } from './find-link.ts';
import { EMPTY_ITEM_DIAGNOSTIC, isEmptyItem } from './is-empty-item.ts';
import { languageTag } from './language-tag.ts';
import { NS } from './namespaces.ts';
import { noteOnce } from './note-once.ts';
import { addAuthors, joinAuthorAddresses, parseAuthor, parseAuthorList } from './parse-author.ts';
import { plainText } from './plain-text.ts';
import { rdfTextsOf } from './rdf-texts.ts';
import { readAtomAuthors, readAtomContent, readTextConstruct } from './read-atom.ts';
import { readDate } from './read-date.ts';
import {
  coverOf,
  mediaAttachments,
  mediaDescription,
  mediaImages,
  mediaPlayer,
  mediaTitle,
  parseDuration,
  positiveNumber,
} from './read-media.ts';
import { type FeedReader, MAX_PER_ITEM, type ReadOptions } from './read-options.ts';
import { absoluteWebUrl, resolveFeedUrl } from './resolve-feed-url.ts';
import { isPlainTextBody, rssText } from './rss-text.ts';
import { sniffMediaType } from './sniff-media-type.ts';
import { htmlOf, resolveHtmlUrls } from './xhtml.ts';
import { childNamed, childrenNamed, elementsOf, textOf, type XmlElement } from './xml-tree.ts';

interface RssContext {
  ns: string;
  channel: XmlElement | undefined;
  base: string | undefined;
  language: string | undefined;
}

/**
 * An RSS reader that takes items one by one as the tree builder closes them (so that their
 * subtrees can be dropped at once), then the channel. Items are read with the channel elements
 * that came before them, which is where every RSS version puts them.
 */
export function createRssReader(options: ReadOptions, diagnostics: Diagnostic[]): FeedReader {
  const items: JsonFeedItem[] = [];
  let context: RssContext | undefined;
  return {
    accept(element, parent, root) {
      if (element.local !== 'item') return false;
      context ??= rssContext(root, options);
      if (element.ns !== context.ns || (parent !== root && parent !== context.channel)) return false;
      const item = readItem(
        element,
        context.ns,
        element.base ?? context.base,
        options,
        diagnostics,
        context.language,
      );
      if (isEmptyItem(item)) diagnostics.push(EMPTY_ITEM_DIAGNOSTIC);
      else items.push(item);
      return true;
    },
    finish(root) {
      const { feed, itemAuthors } = readChannel(root, options);
      // Items without authors have the channel's (as in JSON Feed 1.1 and Atom §4.2.1).
      if (itemAuthors.length > 0) for (const item of items) item.authors ??= itemAuthors;
      feed.items = items;
      return feed;
    },
  };
}

function rssContext(root: XmlElement, options: ReadOptions): RssContext {
  // RSS 0.9x/2.0 elements have no namespace; RSS 0.90 and 1.0 put theirs in one (by URI).
  const ns = root.local === 'RDF' ? findRdfNs(root) : root.ns;
  const channel = childNamed(root, ns, 'channel');
  const head = channel ?? root;
  const headBase = head.base ?? options.url;
  const home = rssLink(head, ns, headBase) ?? findLink(head, NS.atom, 'alternate', headBase);
  return { ns, channel, base: home ?? options.url, language: channelLanguage(head, ns) };
}

/**
 * The channel's language: its <language> (or dc:language), else the xml:lang in scope at the
 * channel, which XML 1.0 §2.12 makes the language of everything in it (as Atom's feed reads it).
 */
function channelLanguage(channel: XmlElement, ns: string): string | undefined {
  const element = childNamed(channel, ns, 'language') ?? childNamed(channel, NS.dc, 'language');
  return (element && languageTag(textOf(element))) ?? channel.lang;
}

/**
 * The channel as a feed, and the authors its items inherit: those the channel names as authors
 * (author, dc:creator, dc:author, itunes:author), not its managingEditor, who RSS 2.0 says is
 * "responsible for editorial content" and who is only a feed author.
 */
function readChannel(
  root: XmlElement,
  options: ReadOptions,
): { feed: JsonFeed; itemAuthors: JsonFeedAuthor[] } {
  const ns = root.local === 'RDF' ? findRdfNs(root) : root.ns;
  const channel = childNamed(root, ns, 'channel') ?? root;
  const text = (parent: XmlElement, local: string, namespace: string = ns): string | undefined => {
    const element = childNamed(parent, namespace, local);
    return element ? textOf(element) : undefined;
  };
  const channelBase = channel.base ?? options.url;
  const home = rssLink(channel, ns, channelBase) ?? findLink(channel, NS.atom, 'alternate', channelBase);
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: rssText(text(channel, 'title') ?? text(channel, 'title', NS.dc)),
    items: [],
  };
  if (home) feed.home_page_url = home;
  const feedUrl =
    findLink(channel, NS.atom, 'self', channelBase) ??
    (options.url && /^https?:/i.test(options.url) ? resolveFeedUrl(options.url, undefined) : undefined);
  if (feedUrl) feed.feed_url = feedUrl;
  const description = plainText(
    text(channel, 'description') ??
      text(channel, 'description', NS.dc) ??
      text(channel, 'subtitle', NS.itunes) ??
      text(channel, 'summary', NS.itunes),
  );
  if (description) feed.description = description;
  const language = channelLanguage(channel, ns);
  if (language) feed.language = language;
  // RSS (0.9x, 1.0, 2.0) has no word for a feed that has ended (<ttl>, <skipHours> and
  // sy:updatePeriod are schedules), nor has Atom. Apple's podcast namespace has one, read by
  // every podcast directory: <itunes:complete>Yes "indicates that a podcast is complete and
  // you will not post any more episodes in the future" (any other value "has no effect").
  // That is JSON Feed's `expired` ("the feed is finished: it will never update again").
  if (text(channel, 'complete', NS.itunes)?.trim().toLowerCase() === 'yes') feed.expired = true;
  // RSS 1.0 puts <image> beside the channel; 0.9x/2.0 inside it.
  const itunesImage = childNamed(channel, NS.itunes, 'image');
  let icon: string | undefined;
  for (const image of [...childrenNamed(channel, ns, 'image'), ...childrenNamed(root, ns, 'image')]) {
    icon ??= resolveFeedUrl(text(image, 'url'), image.base ?? home ?? options.url);
  }
  icon ??= resolveFeedUrl(
    itunesImage?.attrs.href ?? itunesImage?.attrs.url,
    itunesImage?.base ?? channelBase,
  );
  if (icon) feed.icon = icon;
  const authors: JsonFeedAuthor[] = [];
  addAuthors(authors, [
    // Not in RSS 2.0's channel, but common (and read by other readers): as an item's <author>.
    ...childrenNamed(channel, ns, 'author').flatMap((element) => parseAuthorList(textOf(element))),
    ...rdfTextsOf(channel, NS.dc, 'creator').flatMap(parseAuthorList),
    ...childrenNamed(channel, NS.dc, 'author').map((element) => parseAuthor(textOf(element))),
    parseAuthor(text(channel, 'author', NS.itunes)),
  ]);
  const itemAuthors = joinAuthorAddresses(authors);
  const feedAuthors = [...itemAuthors];
  addAuthors(feedAuthors, parseAuthorList(text(channel, 'managingEditor')));
  if (feedAuthors.length > 0) feed.authors = feedAuthors;
  return { feed, itemAuthors };
}

function findRdfNs(root: XmlElement): string {
  for (const child of elementsOf(root))
    if (child.local === 'channel' || child.local === 'item') return child.ns;
  return NS.rss10;
}

/** The first `<link>` with a usable URL (its text; some feeds put it in an href attribute). */
function rssLink(parent: XmlElement, ns: string, base: string | undefined): string | undefined {
  for (const link of parent.children) {
    if (typeof link === 'string' || link.local !== 'link' || link.ns !== ns) continue;
    const url = resolveFeedUrl(textOf(link) || link.attrs.href, link.base ?? base);
    if (url) return url;
  }
  return undefined;
}

function readItem(
  element: XmlElement,
  ns: string,
  base: string | undefined,
  options: ReadOptions,
  diagnostics: Diagnostic[],
  feedLanguage: string | undefined,
): JsonFeedItem {
  const text = (local: string, namespace: string = ns): string | undefined => {
    const child = childNamed(element, namespace, local);
    return child ? textOf(child) : undefined;
  };
  const guidElement = childNamed(element, ns, 'guid');
  const guid = guidElement ? textOf(guidElement).trim() : '';
  const about = rdfAttribute(element, 'about')?.trim();
  // RSS 2.0 guid: isPermaLink defaults to true. An explicit "true" outranks an atom:link (a
  // foreign element), the default does not; an empty or blank <link> counts as none.
  const isPermaLink = guidElement?.attrs.isPermaLink?.trim().toLowerCase();
  const permalink = guid && isPermaLink !== 'false' ? absoluteWebUrl(guid) : undefined;
  const rssUrl = rssLink(element, ns, base);
  // Looked up only when it can matter (it is a foreign element, and its scan costs per item).
  const atomUrl =
    rssUrl || (isPermaLink === 'true' && permalink)
      ? undefined
      : findLink(element, NS.atom, 'alternate', base);
  const url =
    rssUrl ??
    (isPermaLink === 'true' ? permalink : undefined) ??
    atomUrl ??
    permalink ??
    absoluteWebUrl(about);
  // Atom elements inside an RSS item (feeds generated by Atom-minded tools) stand in for the
  // RSS ones they match, each noted once per feed.
  const stray = (what: string, label: string | undefined) =>
    noteOnce(diagnostics, 'atom-in-rss', `an Atom ${what} inside an RSS item was read`, label);
  const atomId = guid || about ? undefined : text('id', NS.atom)?.trim();
  if (atomId) stray('id', atomId);
  const item: JsonFeedItem = { id: guid || about || atomId || '' };
  if (url) item.url = url;
  if (url && url === atomUrl) stray('link', item.id || url);
  // The first non-blank of title, dc:title, atom:title, itunes:title, media:title (looked up only
  // as needed).
  let title = rssText(text('title')) || rssText(text('title', NS.dc));
  if (!title) {
    const atomTitle = childNamed(element, NS.atom, 'title');
    title = atomTitle ? readTextConstruct(atomTitle) : '';
    if (title) stray('title', item.id || url);
  }
  if (!title) {
    title = plainText(text('title', NS.itunes));
    if (title)
      noteOnce(
        diagnostics,
        'itunes-fallback',
        'an item without a title was given its itunes:title',
        item.id || url,
      );
  }
  title ||= plainText(mediaTitle(element));
  if (title) item.title = title;

  const html = (local: string, namespace: string = ns): string | undefined => {
    const child = childNamed(element, namespace, local);
    if (!child) return undefined;
    const value = htmlOf(child, namespace !== NS.xhtml).trim();
    // Relative URLs in the markup resolve against an explicit xml:base, when the feed has one.
    return child.base ? resolveHtmlUrls(value, child.base) : value;
  };
  // An XHTML <body> (xhtml:body, or xmlns="http://www.w3.org/1999/xhtml") is full content too.
  const encoded = html('encoded', NS.content) || html('body', NS.xhtml);
  const description = html('description') || text('description', NS.dc)?.trim();
  if (encoded) {
    item.content_html = encoded;
    const summary = plainText(description);
    if (summary) item.summary = summary;
  } else if (description) {
    if (isPlainTextBody(description)) item.content_text = description;
    else item.content_html = description;
  } else if (!readAtomBody(element, item, base, diagnostics, title)) {
    const media = mediaDescription(element);
    const fallback = media ?? itunesSummary(element);
    if (!media && fallback)
      noteOnce(
        diagnostics,
        'itunes-fallback',
        'an item without a description was given its itunes:summary',
        item.id || url,
      );
    if (fallback?.html) item.content_html = fallback.text;
    else if (fallback) item.content_text = fallback.text;
  }
  // iTunes: the subtitle is the short description, the summary the long one (a summary only when
  // it is not already the body).
  const subtitle = plainText(text('subtitle', NS.itunes));
  if (!item.summary && subtitle && subtitle !== title) item.summary = subtitle;
  if (!item.summary) {
    const itunes = itunesSummary(element)?.text;
    if (itunes && item.content_text !== itunes) item.summary = plainText(itunes);
  }

  const label = item.id || url || title;
  const rssDates = [
    text('pubDate'),
    text('date', NS.dc),
    text('issued', NS.dcterms),
    text('created', NS.dcterms),
  ];
  const atomPublished = text('published', NS.atom);
  if (atomPublished !== undefined && rssDates.every((date) => date === undefined))
    stray('published date', label);
  const published = readDate([...rssDates, atomPublished], options.timezone, diagnostics, label);
  if (published) item.date_published = published;
  const modified = readDate(
    [text('modified', NS.dcterms), text('updated', NS.atom)],
    options.timezone,
    diagnostics,
    label,
  );
  if (modified) item.date_modified = modified;

  const authors: JsonFeedAuthor[] = [];
  addAuthors(authors, [
    ...childrenNamed(element, ns, 'author').flatMap((child) => parseAuthorList(textOf(child))),
    ...rdfTextsOf(element, NS.dc, 'creator').flatMap(parseAuthorList),
    ...childrenNamed(element, NS.dc, 'author').map((child) => parseAuthor(textOf(child))),
    parseAuthor(text('author', NS.itunes)),
  ]);
  if (authors.length === 0) {
    addAuthors(authors, readAtomAuthors(element, NS.atom, base));
    if (authors.length > 0) stray('author', label);
  }
  const joined = joinAuthorAddresses(authors);
  if (joined.length > 0) item.authors = joined;
  const tags = [
    ...childrenNamed(element, ns, 'category').map(textOf),
    ...rdfTextsOf(element, NS.dc, 'subject'),
  ]
    .map(rssText)
    .filter(Boolean);
  if (tags.length > 0) item.tags = [...new Set(tags)];

  const attachments = readEnclosures(element, ns, base);
  for (const media of mediaAttachments(element, base))
    if (attachments.length < MAX_PER_ITEM && !attachments.some((known) => known.url === media.url))
      attachments.push(media);
  const duration = parseDuration(text('duration', NS.itunes));
  const timed = attachments.find((attachment) => /^(audio|video)\//.test(attachment.mime_type));
  if (duration !== undefined && timed && timed.duration_in_seconds === undefined)
    timed.duration_in_seconds = duration;
  if (attachments.length > 0) item.attachments = attachments;
  // The item's own image: itunes:image, or an <image> (not in RSS 2.0, but common in items).
  const itunesImage = childNamed(element, NS.itunes, 'image');
  const images = mediaImages(element, base, [childNamed(element, ns, 'image'), itunesImage]);
  const image =
    coverOf(images) ?? attachments.find((attachment) => attachment.mime_type.startsWith('image/'))?.url;
  if (image) item.image = image;
  if (itunesImage && images.length === 1 && images[0]!.url === image && !childNamed(element, ns, 'image'))
    noteOnce(
      diagnostics,
      'itunes-fallback',
      'an item whose only image is its itunes:image has it as its cover',
      label,
    );
  const player = mediaPlayer(element, base);
  // The item's own dc:language, else the xml:lang in scope (its own or inherited).
  const language = languageTag(text('language', NS.dc)) ?? element.lang;
  if (language && language !== feedLanguage) item.language = language;

  const comments = positiveOrZero(text('comments', NS.slash));
  const commentsUrl = resolveFeedUrl(text('comments'), base);
  if (comments !== undefined || commentsUrl || images.length > 0 || player) {
    item._feedmill = {};
    if (comments !== undefined) item._feedmill.comments = comments;
    if (commentsUrl) item._feedmill.comments_url = commentsUrl;
    if (images.length > 0) item._feedmill.images = images;
    if (player) item._feedmill.player = player;
  }
  return item;
}

function readEnclosures(element: XmlElement, ns: string, base: string | undefined): JsonFeedAttachment[] {
  const attachments: JsonFeedAttachment[] = [];
  for (const enclosure of childrenNamed(element, ns, 'enclosure')) {
    const href = resolveFeedUrl(
      enclosure.attrs.url ?? rdfAttribute(enclosure, 'resource'),
      enclosure.base ?? base,
    );
    if (attachments.length >= MAX_PER_ITEM) break;
    if (!href || attachments.some((known) => known.url === href)) continue;
    const attachment: JsonFeedAttachment = {
      url: href,
      mime_type: enclosure.attrs.type?.trim() || sniffMediaType(href) || 'application/octet-stream',
    };
    const size = positiveNumber(enclosure.attrs.length);
    if (size !== undefined) attachment.size_in_bytes = size;
    attachments.push(attachment);
  }
  return attachments;
}

/**
 * An RDF attribute (rdf:about, rdf:resource). Attribute prefixes are not resolved in the tree,
 * so another prefix bound to the RDF namespace is accepted by its local name.
 */
function rdfAttribute(element: XmlElement, local: string): string | undefined {
  const attrs = element.attrs;
  const value = attrs[`rdf:${local}`];
  if (value !== undefined) return value;
  const suffix = `:${local}`;
  for (const key in attrs) if (key.endsWith(suffix) && !key.startsWith('xml')) return attrs[key];
  return undefined;
}

/**
 * An item without RSS content takes an Atom content or summary inside it (html, xhtml or text,
 * read as Atom reads them); true when one was found.
 */
function readAtomBody(
  element: XmlElement,
  item: JsonFeedItem,
  base: string | undefined,
  diagnostics: Diagnostic[],
  label: string | undefined,
): boolean {
  for (const local of ['content', 'summary']) {
    const atom = childNamed(element, NS.atom, local);
    if (!atom || atom.attrs.src !== undefined) continue;
    const body = readAtomContent(atom, base, diagnostics, label);
    if (!body) continue;
    if (body.html) item.content_html = body.html;
    else if (body.text) item.content_text = body.text;
    noteOnce(diagnostics, 'atom-in-rss', `an Atom ${local} inside an RSS item was read`, label);
    return true;
  }
  return false;
}

function itunesSummary(element: XmlElement): { text: string; html: boolean } | undefined {
  const summary = childNamed(element, NS.itunes, 'summary');
  const text = summary ? textOf(summary).trim() : '';
  return text ? { text, html: false } : undefined;
}

function positiveOrZero(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
