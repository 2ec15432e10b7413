import { hideUrlEnv, redactUserinfo } from '../fetch/index.ts';

/** One RSSHub instance: its base URL and optional access key (RSSHub's `key` query parameter). */
export interface RsshubInstance {
  url: string;
  key?: string;
  /** Fetches in flight at once to this instance (default: `http.per_host`). */
  concurrency?: number;
}

/** Config entries (`https://…` or `{ url, key }`) as instances, in the configured order. */
export function toInstances(entries: readonly (string | RsshubInstance)[]): RsshubInstance[] {
  return entries.map((entry) => (typeof entry === 'string' ? { url: entry } : { ...entry }));
}

/** The URL of `route` (a path with optional query) on an instance, with its access key if any. */
export function instanceUrl(instance: RsshubInstance, route: string): string {
  const base = new URL(instance.url);
  const [pathname = '', query] = route.split(/\?(.*)/s, 2);
  base.pathname = base.pathname.replace(/\/+$/, '') + pathname;
  // The instance's own query (a key written into its URL) is kept; the route's is added.
  for (const [name, value] of new URLSearchParams(query ?? '')) base.searchParams.append(name, value);
  if (instance.key) base.searchParams.set('key', instance.key);
  return base.href;
}

/** The instance's base URL as shown in reports: any `key` (or credentials) in it replaced. */
export function instanceLabel(instance: RsshubInstance): string {
  return redactUrl(instance.url);
}

/** A URL with the `key` parameter's value and any userinfo masked, for logs and reports. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.searchParams.has('key')) url.searchParams.set('key', '***');
  if (url.password) url.password = '***';
  return url.href;
}

/** Every access key of the instances, to be masked wherever text leaves feedmill. */
export function instanceSecrets(instances: readonly RsshubInstance[]): string[] {
  const secrets = new Set<string>();
  for (const instance of instances) {
    if (instance.key) secrets.add(instance.key);
    const inUrl = new URL(instance.url).searchParams.get('key');
    if (inUrl) secrets.add(inUrl);
  }
  return [...secrets];
}

/** `text` with every occurrence of each secret (raw, URI-encoded or form-encoded) replaced by `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    const forms = new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ k: secret }).toString().slice(2),
    ]);
    for (const form of forms) if (form) out = out.split(form).join('***');
  }
  return out;
}

/**
 * Text on its way out of feedmill (a message, a log line, a report): the values of the
 * environment variables feed URLs name put back as their `${NAME}` (hideUrlEnv), every access
 * key masked (redactSecrets) and the password of every URL in it (redactUserinfo).
 */
export function redactOutgoing(
  text: string,
  secrets: readonly string[],
  urlEnv: ReadonlyMap<string, string> = NO_URL_ENV,
): string {
  return redactUserinfo(redactSecrets(hideUrlEnv(text, urlEnv), secrets));
}

const NO_URL_ENV: ReadonlyMap<string, string> = new Map();
