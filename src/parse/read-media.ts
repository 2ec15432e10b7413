import type { JsonFeedAttachment, JsonFeedImage } from '../model.ts';
import { NS } from './namespaces.ts';
import { MAX_PER_ITEM } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { sniffMediaType } from './sniff-media-type.ts';
import { childNamed, childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

/** The element and its media:group children: Media RSS allows either place for media:* elements. */
function mediaScopes(element: XmlElement): XmlElement[] {
  const groups = childrenNamed(element, NS.media, 'group');
  return groups.length === 0 ? [element] : [element, ...groups];
}

/**
 * Every image an item names, in the order the cover is chosen from (docs/media.md): its own
 * image (itunes:image, an `<image>` some RSS feeds put in items), then media:thumbnail, then
 * image media:content, each in the item before its media:groups. `own` are the item's own
 * image elements, which the caller finds (their namespace depends on the format).
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
    // itunes:image has href (some feeds write url); an RSS <image> has a <url> child or text.
    const url = childNamed(image, image.ns, 'url');
    const raw = image.attrs.href ?? image.attrs.url ?? textOf(url ?? image);
    add(resolveFeedUrl(raw.trim(), image.base ?? base), 'item', image);
  }
  const scopes = mediaScopes(element);
  for (const scope of scopes)
    for (const thumbnail of childrenNamed(scope, NS.media, 'thumbnail'))
      add(resolveFeedUrl(thumbnail.attrs.url, thumbnail.base ?? base), 'thumbnail', thumbnail);
  for (const scope of scopes)
    for (const content of childrenNamed(scope, NS.media, 'content'))
      if (isImage(content)) add(resolveFeedUrl(content.attrs.url, content.base ?? base), 'content', content);
  return images;
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

/** media:player's url, in the item or its groups (Media RSS: a page that plays the media). */
export function mediaPlayer(element: XmlElement, base: string | undefined): string | undefined {
  for (const scope of mediaScopes(element)) {
    const player = childNamed(scope, NS.media, 'player');
    const url = player ? resolveFeedUrl(player.attrs.url, player.base ?? base) : undefined;
    if (url) return url;
  }
  return undefined;
}

function isImage(content: XmlElement): boolean {
  const type = content.attrs.type?.trim().toLowerCase() ?? '';
  const medium = content.attrs.medium?.trim().toLowerCase();
  if (medium === 'image' || type.startsWith('image/')) return true;
  // Without a type or medium, the file's extension tells (a bare media:content of a .jpg).
  return !type && !medium && content.attrs.url !== undefined && isImageUrl(content.attrs.url);
}

function isImageUrl(url: string): boolean {
  return sniffMediaType(url.trim())?.startsWith('image/') ?? false;
}

/** media:description (plain unless type="html"), looked up in the item and its groups. */
export function mediaDescription(element: XmlElement): { text: string; html: boolean } | undefined {
  for (const scope of mediaScopes(element)) {
    const description = childNamed(scope, NS.media, 'description');
    const text = description ? textOf(description).trim() : '';
    if (text) return { text, html: description!.attrs.type === 'html' };
  }
  return undefined;
}

/** media:title, in the item or its groups. */
export function mediaTitle(element: XmlElement): string | undefined {
  for (const scope of mediaScopes(element)) {
    const title = childNamed(scope, NS.media, 'title');
    if (title) return textOf(title);
  }
  return undefined;
}

/** Non-image media:content elements as attachments (audio, video, documents). */
export function mediaAttachments(element: XmlElement, base: string | undefined): JsonFeedAttachment[] {
  const out: JsonFeedAttachment[] = [];
  for (const scope of mediaScopes(element)) {
    for (const content of childrenNamed(scope, NS.media, 'content')) {
      if (isImage(content)) continue;
      const url = resolveFeedUrl(content.attrs.url, content.base ?? base);
      if (!url) continue;
      const attachment: JsonFeedAttachment = {
        url,
        mime_type: content.attrs.type?.trim() || sniffMediaType(url) || mimeFromMedium(content.attrs.medium),
      };
      const size = positiveNumber(content.attrs.fileSize);
      if (size !== undefined) attachment.size_in_bytes = size;
      const duration = positiveNumber(content.attrs.duration);
      if (duration !== undefined) attachment.duration_in_seconds = duration;
      out.push(attachment);
    }
  }
  return out;
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
