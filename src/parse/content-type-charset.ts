/**
 * The `charset` parameter of a Content-Type value (RFC 9110 §8.3.1), unquoted, up to any space;
 * none when it is absent or empty. Feeds and article pages read their HTTP charset with it, and
 * pages the `content` of a `<meta http-equiv="Content-Type">`.
 */
export function contentTypeCharset(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';').slice(1)) {
    const [key, ...rest] = part.split('=');
    if (key?.trim().toLowerCase() !== 'charset') continue;
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .split(/\s/)[0];
    return value === '' ? undefined : value;
  }
  return undefined;
}
