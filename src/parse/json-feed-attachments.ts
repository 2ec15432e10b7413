import type { JsonFeedAttachment } from '../model.ts';
import {
  amountValue,
  arrayValue,
  asObject,
  stringValue,
  textValue,
  type WrongType,
} from './json-feed-fields.ts';
import { literalText } from './plain-text.ts';
import { mediaKindOf, playableRank } from './playable-rank.ts';
import { MAX_PER_ITEM } from './read-options.ts';
import { resolveFeedUrl } from './resolve-feed-url.ts';
import { effectiveMediaType, sniffMediaType } from './sniff-media-type.ts';

/**
 * A JSON Feed item's `attachments`, at most MAX_PER_ITEM, each URL once. `mime_type` is
 * required, but an attachment without one is kept with the type of its file extension (else
 * `application/octet-stream`), as JSON Feed 1.1's suggestions for feed readers allow ("you can
 * probably deal with it fine"). Of alternates (see withoutAlternates) one is kept.
 */
export function readJsonAttachments(
  value: unknown,
  base: string | undefined,
  wrong: WrongType,
  item?: string,
): JsonFeedAttachment[] {
  const out: JsonFeedAttachment[] = [];
  for (const entry of arrayValue(value, 'attachments', wrong, item)) {
    if (out.length >= MAX_PER_ITEM) break;
    const raw = asObject(entry);
    if (!raw) {
      if (entry !== null) wrong('attachments[]', 'an object', item);
      continue;
    }
    const url = resolveFeedUrl(stringValue(raw.url, 'attachments.url', wrong, item), base);
    if (!url || out.some((known) => known.url === url)) continue;
    const mime =
      stringValue(raw.mime_type, 'attachments.mime_type', wrong, item) ??
      sniffMediaType(url) ??
      'application/octet-stream';
    const attachment: JsonFeedAttachment = { url, mime_type: mime };
    const title = literalText(textValue(raw.title, 'attachments.title', wrong, item));
    if (title) attachment.title = title;
    const size = amountValue(raw.size_in_bytes);
    if (size !== undefined) attachment.size_in_bytes = size;
    const duration = amountValue(raw.duration_in_seconds);
    if (duration !== undefined) attachment.duration_in_seconds = duration;
    out.push(attachment);
  }
  return withoutAlternates(out);
}

/**
 * JSON Feed 1.1: attachments with "the exact same title" are "alternate representations of the
 * same thing" (a recording in several formats). Of those of one kind the post shows the one a
 * browser plays best (playableRank: MP3 before Ogg before WAV, MP4 before WebM), else the
 * first. Alternates of different kinds (a video and its audio) are all kept, as in a Media RSS
 * group (choose-representations.ts): a post can show both, and neither is lost.
 */
function withoutAlternates(attachments: JsonFeedAttachment[]): JsonFeedAttachment[] {
  const best = new Map<string, { attachment: JsonFeedAttachment; rank: number }>();
  for (const attachment of attachments) {
    if (!attachment.title) continue;
    const type = effectiveMediaType(attachment.mime_type, attachment.url);
    const kind = mediaKindOf(type);
    const key = `${kind} ${attachment.title}`;
    const rank = playableRank(kind, type);
    const known = best.get(key);
    if (!known || rank < known.rank) best.set(key, { attachment, rank });
  }
  if (best.size === 0) return attachments;
  const kept = new Set([...best.values()].map((entry) => entry.attachment));
  return attachments.filter((attachment) => !attachment.title || kept.has(attachment));
}
