import type { MediaKind } from './playable-rank.ts';
import { effectiveMediaType, sniffMediaType } from './sniff-media-type.ts';
import type { XmlElement } from './xml-tree.ts';

/**
 * What a media:content is: Media RSS's `medium` (image, audio, video; document and executable are
 * `other`), else its type, else its URL's file extension. A content whose type or medium says
 * image is an image even when the other says something else (a photo typed `medium="video"`).
 */
export function contentKind(content: XmlElement): MediaKind {
  const type = content.attrs.type?.trim().toLowerCase() ?? '';
  const medium = content.attrs.medium?.trim().toLowerCase();
  const url = content.attrs.url?.trim() ?? '';
  if (medium === 'image' || type.startsWith('image/')) return 'image';
  // Without a type or medium, the file's extension tells (a bare media:content of a .jpg).
  if (!type && !medium && url && sniffMediaType(url)?.startsWith('image/')) return 'image';
  if (medium === 'audio' || medium === 'video') return medium;
  if (medium) return 'other';
  const effective = effectiveMediaType(type, url);
  if (effective.startsWith('audio/')) return 'audio';
  if (effective.startsWith('video/') || effective === 'application/vnd.apple.mpegurl') return 'video';
  return 'other';
}
