/** What a media file is shown as in a post: a player, an image, or a download link. */
export type MediaKind = 'audio' | 'video' | 'image' | 'other';

// Types by how surely a post's `<video>`, `<audio>` or `<img>` shows them in today's browsers,
// best first: MP4 (H.264) and MP3/AAC play everywhere, WebM and Ogg not in every Safari, HLS only
// in Safari (and phones); WAV and FLAC play but are many times the size of the same sound.
const RANKS: Readonly<Record<Exclude<MediaKind, 'other'>, readonly (readonly string[])[]>> = {
  video: [
    ['video/mp4', 'video/x-m4v', 'video/m4v'],
    ['video/webm'],
    ['application/vnd.apple.mpegurl', 'application/x-mpegurl', 'video/ogg'],
  ],
  audio: [
    ['audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/aac', 'audio/x-m4a', 'audio/m4a'],
    ['audio/ogg', 'audio/opus', 'audio/webm'],
    ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/flac', 'audio/x-flac'],
  ],
  image: [['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'], ['image/svg+xml']],
};

/** The kind of a media type (`application/vnd.apple.mpegurl`, HLS, is video). */
export function mediaKindOf(type: string): MediaKind {
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/') || type === 'application/vnd.apple.mpegurl') return 'video';
  if (type.startsWith('image/')) return 'image';
  return 'other';
}

/**
 * How well a post can show a file of this kind and media type: 0 is best; a type the table does
 * not know ranks last (QuickTime, Flash, WMA, TIFF …). Files of kind `other` are only linked, so
 * all rank the same. `type` may carry parameters (`video/mp4; codecs="avc1"`).
 */
export function playableRank(kind: MediaKind, type: string): number {
  if (kind === 'other') return 0;
  const bare = type.split(';', 1)[0]!.trim().toLowerCase();
  const ranks = RANKS[kind];
  const index = ranks.findIndex((types) => types.includes(bare));
  return index === -1 ? ranks.length : index;
}
