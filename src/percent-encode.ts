/**
 * `text` with every character `characters` matches (a global pattern of ASCII characters)
 * written as its percent-encoding, `%XX` in upper case (RFC 3986 §2.1): the same URL wherever
 * such a character is allowed at all, and nothing a page's markup, CSS or scripts can misread.
 */
export function percentEncode(text: string, characters: RegExp): string {
  return text.replace(
    characters,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
