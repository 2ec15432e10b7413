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
