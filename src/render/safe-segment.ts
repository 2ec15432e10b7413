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
// Windows device names, also with an extension or trailing spaces (`CON.md`, `nul .txt`).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)(\s*\..*)?$/i;
// C0/C1 controls, bidi controls, zero-width and other invisible format or filler characters,
// Unicode tag characters and lone surrogates (not encodable as UTF-8 on disk).
// (Built from a string: some of these are combining marks, which a literal class would flag.)
const INVISIBLE = new RegExp(
  '[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f' +
    '\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0e\\ufeff\\uffa0\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}]|\\p{Cs}',
  'gu',
);
/** Longest file or folder name written, in UTF-8 bytes (255 is the common file-system limit). */
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
  // Room for the `-` a reserved name gets, so the result never exceeds maxBytes.
  name = truncateBytes(name.replace(/^[._\s~]+/, ''), maxBytes - 1);
  name = name.replace(/[.\s~%]+$/, '');
  if (name === '') name = 'untitled';
  // `aux.txt` is as reserved as `aux`: the mark goes right after the device name.
  if (WINDOWS_RESERVED.test(name)) name = name.replace(/^[^.\s]+/, (device) => `${device}-`);
  return name;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, maxBytes: number): string {
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
