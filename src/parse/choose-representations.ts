import { contentKind } from './media-content-kind.ts';
import { type MediaKind, playableRank } from './playable-rank.ts';
import { effectiveMediaType } from './sniff-media-type.ts';
import type { XmlElement } from './xml-tree.ts';

/** The long side, in pixels, of the largest representation worth choosing (a 1080p screen; photos a bit more). */
const MAX_SIDE: Readonly<Record<MediaKind, number>> = { video: 1920, image: 2048, audio: 0, other: 0 };
/** The highest bitrate, in kbit/s, worth choosing: 1080p video, the best MP3. */
const MAX_BITRATE: Readonly<Record<MediaKind, number>> = { video: 8000, audio: 320, image: 0, other: 0 };

/**
 * The media:content elements of one media:group that a post shows, in document order.
 *
 * Media RSS 1.5.1 (RSS Advisory Board): a group holds "effectively the same content, yet
 * different representations" (the same song as WAV and MP3), and the content with
 * isDefault="true" is the one to use. Real feeds also use a group as a bag (several different
 * photos; YouTube's single content with its thumbnail and description). The rule:
 *
 * - Contents of different kinds (image, audio, video, anything else: from `medium`, else the
 *   type, else the URL's extension) are never alternatives of each other: a group with a video
 *   and a photo shows both.
 * - Audio, video and other files of one kind are alternatives (the spec's case): one is shown.
 * - Images are alternatives only when one of the group's images says isDefault="true", or when
 *   their URLs differ only in the query (one picture resized by a CDN: `?w=320`, `?w=1280`).
 *   Other images in a group are a bag of different pictures, and each is shown.
 * - Of alternatives, the one with isDefault="true" is shown, else the best by, in turn: having a
 *   URL; a type a browser plays (see playableRank: MP4 before WebM before HLS, MP3 or AAC before
 *   Ogg before WAV); the full version before a sample (`expression="sample"`); fitting a 1080p
 *   screen (long side up to 1920 px, 2048 for photos; a bitrate up to 8 Mbit/s for video, 320
 *   kbit/s for audio), the largest that fits, else the smallest; then the first.
 *
 * A group's own media:title, media:description, media:thumbnail and media:player apply to the
 * content shown, and the content's own override them (the caller looks them up in that order).
 */
export function chooseRepresentations(contents: readonly XmlElement[]): XmlElement[] {
  if (contents.length < 2) return [...contents];
  const kinds = contents.map(contentKind);
  const imagesHaveDefault = contents.some((content, index) => kinds[index] === 'image' && isDefault(content));
  const best = new Map<string, { content: XmlElement; score: Score }>();
  contents.forEach((content, index) => {
    const kind = kinds[index]!;
    const key = kind === 'image' && !imagesHaveDefault ? `image ${withoutQuery(content.attrs.url)}` : kind;
    const score = scoreOf(content, kind);
    const known = best.get(key);
    if (!known || compare(score, known.score) < 0) best.set(key, { content, score });
  });
  const shown = new Set([...best.values()].map((entry) => entry.content));
  return contents.filter((content) => shown.has(content));
}

/** What a representation is chosen by, each number lower-is-better except the sizes. */
interface Score {
  notDefault: number;
  noUrl: number;
  rank: number;
  sample: number;
  oversize: number;
  side: number;
  bitrate: number;
}

function scoreOf(content: XmlElement, kind: MediaKind): Score {
  const url = content.attrs.url?.trim() ?? '';
  const side = Math.max(size(content.attrs.width), size(content.attrs.height));
  const bitrate = size(content.attrs.bitrate);
  const tooLarge = (value: number, limit: number) => limit > 0 && value > limit;
  return {
    notDefault: isDefault(content) ? 0 : 1,
    noUrl: url ? 0 : 1,
    rank: playableRank(kind, effectiveMediaType(content.attrs.type, url)),
    sample: content.attrs.expression?.trim().toLowerCase() === 'sample' ? 1 : 0,
    oversize: tooLarge(side, MAX_SIDE[kind]) || tooLarge(bitrate, MAX_BITRATE[kind]) ? 1 : 0,
    side,
    bitrate,
  };
}

/** Negative when `a` is the better representation; ties keep the earlier one. */
function compare(a: Score, b: Score): number {
  const fixed = a.notDefault - b.notDefault || a.noUrl - b.noUrl || a.rank - b.rank || a.sample - b.sample;
  if (fixed !== 0) return fixed;
  if (a.oversize !== b.oversize) return a.oversize - b.oversize;
  // Within the bound the largest is best; past it (all are too large) the smallest.
  const direction = a.oversize ? 1 : -1;
  return direction * (a.side - b.side || a.bitrate - b.bitrate);
}

function isDefault(content: XmlElement): boolean {
  return (content.attrs.isDefault ?? content.attrs.isdefault)?.trim().toLowerCase() === 'true';
}

/** A positive number from an attribute, else 0 (unknown). */
function size(value: string | undefined): number {
  const number = Number(value?.trim() || Number.NaN);
  return Number.isFinite(number) && number > 0 ? number : 0;
}

/** The URL without its query and fragment, for telling one picture at several sizes. */
function withoutQuery(url: string | undefined): string {
  const trimmed = url?.trim() ?? '';
  const end = trimmed.search(/[?#]/);
  return end === -1 ? trimmed : trimmed.slice(0, end);
}
