/**
 * Image proxy URL templates (`images: { proxy: … }`), in the spirit of RSSHub's hotlink
 * template: a placeholder in braces stands for a part of the image's URL.
 */

/** The placeholders a template may use, and what each becomes for an image URL. */
const PLACEHOLDERS: Readonly<Record<string, (url: URL) => string>> = {
  // The whole URL, percent-encoded as one query value (`?url={url}`).
  url: (url) => encodeURIComponent(url.href),
  // Host, path and query as they are, for proxies that take them as a path (`https://i0.wp.com/{url_noprotocol}`).
  url_noprotocol: (url) => url.href.slice(url.protocol.length + 2),
  host: (url) => url.host,
  // The path and query as they are, starting with `/`.
  path: (url) => url.pathname + url.search,
};

/** The names a template may use, for messages and docs. */
export const PROXY_PLACEHOLDERS: readonly string[] = Object.keys(PLACEHOLDERS);

/** Why a template is unusable, or undefined when it is a good one. */
export function checkProxyTemplate(template: string): string | undefined {
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
  if (names.length === 0)
    return `must contain a placeholder: ${PROXY_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`;
  const unknown = names.find((name) => !(name in PLACEHOLDERS));
  if (unknown !== undefined)
    return `{${unknown}} is not a placeholder; use ${PROXY_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`;
  const rest = template.replace(/\{[^{}]*\}/g, '');
  if (/[{}\s"<>`\u0000-\u001f\u007f]/.test(rest))
    return 'must not contain braces, spaces, control characters, quotes, < > or ` outside its placeholders';
  let parsed: URL;
  try {
    parsed = new URL(template.replace(/\{[^{}]*\}/g, 'x'));
  } catch {
    return 'must be an http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http(s) URL';
  if (!/^https?:\/\/[^{}/?#]*[^{}/?#]/i.test(template))
    return 'must name the proxy host before any placeholder';
  return undefined;
}

/**
 * The proxied address of an http(s) image URL; undefined for other URLs (data:, relative),
 * which stay as they are. The template is assumed checked by {@link checkProxyTemplate}.
 */
export function proxyUrl(template: string, imageUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(imageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => PLACEHOLDERS[name]?.(url) ?? whole);
}
