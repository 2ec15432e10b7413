import type { JsonFeedAttachment, JsonFeedImage } from '../model.ts';
import { chooseRepresentations } from './choose-representations.ts';
import { contentKind } from './media-content-kind.ts';
import { NS } from './namespaces.ts';
import { plainText } from './plain-text.ts';
import { MAX_PER_ITEM } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { sniffMediaType } from './sniff-media-type.ts';
import { childNamed, childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

/**
 * The media:content elements a post shows: the item's own, then of each media:group those
 * chooseRepresentations picks (one of each set of alternatives).
 */
function shownContents(element: XmlElement): XmlElement[] {
  const contents = childrenNamed(element, NS.media, 'content');
  for (const group of childrenNamed(element, NS.media, 'group'))
    contents.push(...chooseRepresentations(childrenNamed(group, NS.media, 'content')));
  return contents;
}

/**
 * Where media:title, media:description, media:thumbnail and media:player are looked up, in
 * order: the item (its own describe the whole item, which is what the post shows), its own
 * media:contents, then each media:group's shown contents before the group itself. Media RSS: an
 * element applies to every media object in its scope, and a deeper one wins (a content's own
 * over its group's). Contents a group does not show are left out, with their elements.
 */
function mediaScopes(element: XmlElement): XmlElement[] {
  const scopes = [element, ...childrenNamed(element, NS.media, 'content')];
  for (const group of childrenNamed(element, NS.media, 'group'))
    scopes.push(...chooseRepresentations(childrenNamed(group, NS.media, 'content')), group);
  return scopes;
}

/**
 * Every image an item names, in the order the cover is chosen from (docs/media.md): its own
 * image (itunes:image, an `<image>` some RSS feeds put in items), then media:thumbnail (in the
 * order of mediaScopes), then the image media:contents a post shows (shownContents). `own` are
 * the item's own image elements, which the caller finds (their namespace depends on the format).
 */
export function mediaImages(
  element: XmlElement,
  base: string | undefined,
  own: readonly (XmlElement | undefined)[] = [],
): JsonFeedImage[] {
  const images: JsonFeedImage[] = [];
  const add = (url: string | undefined, role: JsonFeedImage['role'], sized?: XmlElement) => {
    if (!url || images.length >= MAX_PER_ITEM || images.some((known) => known.url === url)) return;
    const image: JsonFeedImage = { url, role };
    const width = positiveNumber(sized?.attrs.width);
    const height = positiveNumber(sized?.attrs.height);
    if (width !== undefined) image.width = width;
    if (height !== undefined) image.height = height;
    images.push(image);
  };
  for (const image of own) {
    if (!image) continue;
    add(resolveFeedUrl(ownImageAddress(image).trim(), image.base ?? base), 'item', image);
  }
  for (const scope of mediaScopes(element))
    for (const thumbnail of childrenNamed(scope, NS.media, 'thumbnail'))
      add(resolveFeedUrl(thumbnail.attrs.url, thumbnail.base ?? base), 'thumbnail', thumbnail);
  for (const content of shownContents(element))
    if (contentKind(content) === 'image')
      add(resolveFeedUrl(content.attrs.url, content.base ?? base), 'content', content);
  return images;
}

/**
 * The address an item's own image gives: itunes:image has href (some feeds write url); an RSS
 * <image> has a <url> child or is the address itself. Without <url>, the text of an <image>
 * holding elements is theirs (its <title>, the page its <link> names), not the picture's.
 */
function ownImageAddress(image: XmlElement): string {
  const attribute = image.attrs.href ?? image.attrs.url;
  if (attribute !== undefined) return attribute;
  const url = childNamed(image, image.ns, 'url');
  if (url) return textOf(url);
  return image.children.every((child) => typeof child === 'string') ? textOf(image) : '';
}

/** Images smaller than this on a side (when the feed gives sizes) are icons or pixels, not covers. */
const MIN_COVER_SIDE = 50;

/** The first image fit to be a cover: known sizes must be at least {@link MIN_COVER_SIDE} pixels. */
export function coverOf(images: readonly JsonFeedImage[]): string | undefined {
  for (const image of images) {
    if ((image.width ?? MIN_COVER_SIDE) < MIN_COVER_SIDE) continue;
    if ((image.height ?? MIN_COVER_SIDE) < MIN_COVER_SIDE) continue;
    return image.url;
  }
  return undefined;
}

/** media:player's url, in the order of mediaScopes (Media RSS: a page that plays the media). */
export function mediaPlayer(element: XmlElement, base: string | undefined): string | undefined {
  for (const scope of mediaScopes(element)) {
    const player = childNamed(scope, NS.media, 'player');
    const url = player ? resolveFeedUrl(player.attrs.url, player.base ?? base) : undefined;
    if (url) return url;
  }
  return undefined;
}

/** media:description (plain unless type="html"), in the order of mediaScopes. */
export function mediaDescription(element: XmlElement): { text: string; html: boolean } | undefined {
  for (const scope of mediaScopes(element)) {
    const description = childNamed(scope, NS.media, 'description');
    const text = description ? textOf(description).trim() : '';
    if (text) return { text, html: description!.attrs.type === 'html' };
  }
  return undefined;
}

/** media:title, in the order of mediaScopes. */
export function mediaTitle(element: XmlElement): string | undefined {
  for (const scope of mediaScopes(element)) {
    const title = ownTitle(scope);
    if (title) return title;
  }
  return undefined;
}

/**
 * The non-image media:contents a post shows as attachments (audio, video, documents), titled by
 * their own media:title, else their group's.
 */
export function mediaAttachments(element: XmlElement, base: string | undefined): JsonFeedAttachment[] {
  const out: JsonFeedAttachment[] = [];
  const visit = (content: XmlElement, group: XmlElement | undefined) => {
    if (contentKind(content) === 'image') return;
    const url = resolveFeedUrl(content.attrs.url, content.base ?? base);
    if (!url) return;
    const attachment: JsonFeedAttachment = {
      url,
      mime_type: content.attrs.type?.trim() || sniffMediaType(url) || mimeFromMedium(content.attrs.medium),
    };
    const title = plainText(ownTitle(content) ?? (group ? ownTitle(group) : undefined));
    if (title) attachment.title = title;
    const size = positiveNumber(content.attrs.fileSize);
    if (size !== undefined) attachment.size_in_bytes = size;
    const duration = positiveNumber(content.attrs.duration);
    if (duration !== undefined) attachment.duration_in_seconds = duration;
    out.push(attachment);
  };
  for (const content of childrenNamed(element, NS.media, 'content')) visit(content, undefined);
  for (const group of childrenNamed(element, NS.media, 'group'))
    for (const content of chooseRepresentations(childrenNamed(group, NS.media, 'content')))
      visit(content, group);
  return out;
}

/** The text of an element's own non-blank media:title. */
function ownTitle(scope: XmlElement): string | undefined {
  const title = childNamed(scope, NS.media, 'title');
  const text = title ? textOf(title) : '';
  return text.trim() ? text : undefined;
}

function mimeFromMedium(medium: string | undefined): string {
  if (medium === 'audio') return 'audio/mpeg';
  if (medium === 'video') return 'video/mp4';
  return 'application/octet-stream';
}

/** A positive finite number from an attribute, else undefined. */
export function positiveNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** itunes:duration: "HH:MM:SS", "MM:SS" or seconds. */
export function parseDuration(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^\d+(?::\d{1,2}){0,2}(?:\.\d+)?$/.test(text)) return undefined;
  let seconds = 0;
  for (const part of text.split(':')) seconds = seconds * 60 + Number(part);
  return seconds > 0 ? seconds : undefined;
}
