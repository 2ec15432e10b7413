import type { JsonFeedAttachment } from '../model.ts';
import { NS } from './namespaces.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { childNamed, childrenNamed, textOf, type XmlElement } from './xml-tree.ts';

/** The element and its media:group children: Media RSS allows either place for media:* elements. */
function mediaScopes(element: XmlElement): XmlElement[] {
  const groups = childrenNamed(element, NS.media, 'group');
  return groups.length === 0 ? [element] : [element, ...groups];
}

/** The item's picture: media:thumbnail, image media:content, then itunes:image. */
export function mediaImage(element: XmlElement, base: string | undefined): string | undefined {
  const scopes = mediaScopes(element);
  for (const scope of scopes) {
    for (const thumbnail of childrenNamed(scope, NS.media, 'thumbnail')) {
      const url = resolveFeedUrl(thumbnail.attrs.url, thumbnail.base ?? base);
      if (url) return url;
    }
  }
  for (const scope of scopes) {
    for (const content of childrenNamed(scope, NS.media, 'content')) {
      if (isImage(content)) {
        const url = resolveFeedUrl(content.attrs.url, content.base ?? base);
        if (url) return url;
      }
    }
  }
  const itunes = childNamed(element, NS.itunes, 'image');
  return resolveFeedUrl(itunes?.attrs.href ?? (itunes ? textOf(itunes) : undefined), itunes?.base ?? base);
}

function isImage(content: XmlElement): boolean {
  const type = content.attrs.type ?? '';
  return content.attrs.medium === 'image' || type.startsWith('image/');
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
        mime_type: content.attrs.type?.trim() || mimeFromMedium(content.attrs.medium),
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
