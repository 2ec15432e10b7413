import type { JsonFeedItem, MediaFile } from '../model.ts';
import { effectiveMediaType, mediaKindOf } from '../parse/index.ts';

/** At most this many media files per item reach the body (a hostile feed may list thousands). */
const MAX_MEDIA = 20;

/**
 * The item's media files: its attachments (enclosures, non-image media:content, JSON Feed
 * attachments), then the images of its media:content, each with a kind from its type or, when
 * the type is missing or says nothing, from its extension.
 */
export function itemMedia(entry: JsonFeedItem): MediaFile[] {
  const files: MediaFile[] = [];
  const seen = new Set<string>();
  for (const attachment of entry.attachments ?? []) {
    if (files.length >= MAX_MEDIA) break;
    if (seen.has(attachment.url)) continue;
    seen.add(attachment.url);
    const type = effectiveMediaType(attachment.mime_type, attachment.url);
    const file: MediaFile = { url: attachment.url, kind: mediaKindOf(type), type };
    if (attachment.title) file.title = attachment.title;
    if (attachment.size_in_bytes !== undefined) file.sizeInBytes = attachment.size_in_bytes;
    if (attachment.duration_in_seconds !== undefined) file.durationInSeconds = attachment.duration_in_seconds;
    files.push(file);
  }
  for (const image of entry._feedmill?.images ?? []) {
    if (files.length >= MAX_MEDIA) break;
    if (image.role !== 'content' || seen.has(image.url)) continue;
    seen.add(image.url);
    const file: MediaFile = { url: image.url, kind: 'image', type: effectiveMediaType(undefined, image.url) };
    if (image.width !== undefined) file.width = image.width;
    if (image.height !== undefined) file.height = image.height;
    files.push(file);
  }
  return files;
}

/**
 * The cover the feed gives an item, in the documented order: what the parser chose (the item's
 * own image, media:thumbnail, image media:content, an image enclosure), then JSON Feed's banner
 * image, then an attachment that is an image by its extension. The body's first image and
 * `default_image` come later (clean, render).
 */
export function itemCover(entry: JsonFeedItem, media: readonly MediaFile[]): string | undefined {
  return (
    entry.image ?? entry.banner_image ?? media.find((file) => file.kind === 'image' && !isTiny(file))?.url
  );
}

/** Known to be smaller than 50 px on a side (the parser's limit for covers too). */
function isTiny(file: MediaFile): boolean {
  return (file.width ?? 50) < 50 || (file.height ?? 50) < 50;
}
