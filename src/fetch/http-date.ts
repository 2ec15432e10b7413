/**
 * An HTTP-date (RFC 9110 §5.6.7) as milliseconds since the epoch: IMF-fixdate, or the obsolete
 * RFC 850 and asctime forms, all of which start with a day name. Undefined for anything else
 * (a number such as Expires: 0, an empty or unreadable value).
 */
export function parseHttpDate(value: string): number | undefined {
  const text = value.trim();
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}
