// File extensions of the media types feeds attach, for enclosures and media:content that give
// no type (or only application/octet-stream). The types are the IANA registrations.
const BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['mp3', 'audio/mpeg'],
  ['m4a', 'audio/mp4'],
  ['m4b', 'audio/mp4'],
  ['aac', 'audio/aac'],
  ['oga', 'audio/ogg'],
  ['ogg', 'audio/ogg'],
  ['opus', 'audio/ogg'],
  ['wav', 'audio/wav'],
  ['flac', 'audio/flac'],
  ['mp4', 'video/mp4'],
  ['m4v', 'video/mp4'],
  ['mov', 'video/quicktime'],
  ['webm', 'video/webm'],
  ['ogv', 'video/ogg'],
  ['m3u8', 'application/vnd.apple.mpegurl'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['svg', 'image/svg+xml'],
]);

/** The media type an URL's file extension stands for (`photo.JPG?w=1` → image/jpeg), if known. */
export function sniffMediaType(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const dot = path.lastIndexOf('.');
  if (dot === -1 || dot < path.lastIndexOf('/')) return undefined;
  return BY_EXTENSION.get(path.slice(dot + 1).toLowerCase());
}

/**
 * The type to use for a file: the declared one unless it is missing or says nothing
 * (`application/octet-stream`, `binary/octet-stream`), else the extension's, else octet-stream.
 */
export function effectiveMediaType(declared: string | undefined, url: string): string {
  const type = declared?.trim().toLowerCase() ?? '';
  if (type && !type.endsWith('/octet-stream')) return type;
  return sniffMediaType(url) ?? (type || 'application/octet-stream');
}
