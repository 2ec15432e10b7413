// Characters that Windows, macOS or Hexo's permalinks cannot take, mapped to full-width lookalikes.
const REPLACEMENTS: Record<string, string> = {
  '/': '／',
  '\\': '＼',
  ':': '：',
  '*': '＊',
  '?': '？',
  '"': '＂',
  '<': '＜',
  '>': '＞',
  '|': '｜',
  '#': '＃',
  '%': '％',
};
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// C0/C1 controls, bidi controls, zero-width characters and other invisible format characters.
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
export const MAX_SEGMENT_BYTES = 200;

/**
 * Makes one path segment safe on Linux, macOS and Windows and visible to Hexo: NFC, no
 * separators or reserved characters, no leading `.`/`_`, no trailing `.`, space, `~` or `%`,
 * no reserved device names, at most `maxBytes` UTF-8 bytes. Never empty.
 */
export function safeSegment(raw: string, maxBytes = MAX_SEGMENT_BYTES): string {
  let name = raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[/\\:*?"<>|#%]/g, (char) => REPLACEMENTS[char]!)
    .replace(/\s+/g, ' ')
    .trim();
  name = truncateBytes(name, maxBytes);
  name = name.replace(/^[._\s~]+/, '').replace(/[.\s~%]+$/, '');
  if (name === '') name = 'untitled';
  if (WINDOWS_RESERVED.test(name)) name = `${name}-`;
  return name;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += char;
  }
  return out;
}

/** The folder of a feed's posts, relative to `source/_posts`: one segment per category. */
export function postFolder(categories: readonly string[]): string {
  return categories.map((category) => safeSegment(category)).join('/');
}

/** A post file name from its title; `suffix` disambiguates items whose titles collide. */
export function postFileName(title: string, suffix?: string): string {
  const tail = suffix ? `-${suffix}` : '';
  const base = safeSegment(title.replace(/\s+/g, '-'), MAX_SEGMENT_BYTES - Buffer.byteLength(`${tail}.md`));
  return `${base}${tail}.md`;
}
