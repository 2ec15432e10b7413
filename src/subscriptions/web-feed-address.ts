/**
 * A feed address as a web address: an http(s) URL as it is, the `feed:` scheme of old
 * subscribe links (`feed://host/rss`, `feed:https://host/rss`) as the http(s) URL it stands
 * for; undefined for anything else (a local path, another scheme).
 */
export function webFeedAddress(text: string): string | undefined {
  const trimmed = text.trim();
  const feedScheme = /^feed:(\/\/)?/i.exec(trimmed);
  let candidate = trimmed;
  if (feedScheme) {
    const rest = trimmed.slice(feedScheme[0].length);
    candidate = /^https?:/i.test(rest) ? rest : `http://${rest}`;
  }
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
