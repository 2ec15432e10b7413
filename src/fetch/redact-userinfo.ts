/** `scheme://user:password@`: the password is what this masks (the user name stays readable). */
const USERINFO_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi;

/**
 * `text` with the password of every URL in it replaced by `***` (`https://reader:***@host/…`).
 * A feed's URL may carry credentials (`https://user:token@example.com/feed`); it shows up in
 * error messages, reports, `feedmill status` and the CI job summary, which are often public.
 */
export function redactUserinfo(text: string): string {
  return text.includes('@') ? text.replace(USERINFO_PASSWORD, '$1***@') : text;
}

/**
 * `url` without its user name and password. The URL a feed was read from is the base of its
 * relative links: credentials in it would end up in every post's links.
 */
export function withoutUserinfo(url: string): string {
  if (!url.includes('@')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return redactUserinfo(url);
  }
}
