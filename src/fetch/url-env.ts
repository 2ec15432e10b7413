/**
 * `${NAME}` in a feed's `url`: the value of an environment variable, so that a private feed's
 * token or password lives in a CI secret instead of feedmill.yml. The URL as written (with its
 * placeholders) stays the feed's identity, which is what the state records and what output
 * shows; the value is put in only to fetch, and taken out again of everything a fetch answers
 * (messages, the final URL, a redirect's target) before it is shown or stored.
 */

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Values shorter than this are put into URLs but never searched for in text to hide: a value
 * of one to three characters would turn up inside unrelated words and numbers, and is no secret.
 */
export const MIN_HIDDEN_LENGTH = 4;

/** The variables `text` refers to, in order of first appearance. */
export function urlEnvNames(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(REFERENCE), (match) => match[1]!))];
}

/**
 * The variables the feeds' URLs refer to, with their values; an unset or empty variable is left
 * out (GitHub Actions passes a secret a workflow cannot see as an empty string).
 */
export function bindUrlEnv(
  urls: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Map<string, string> {
  const bound = new Map<string, string>();
  for (const url of urls) {
    for (const name of urlEnvNames(url)) {
      const value = env[name];
      if (value) bound.set(name, value);
    }
  }
  return bound;
}

/** `text` with every `${NAME}` replaced by its value, or the names that have none. */
export function expandUrlEnv(
  text: string,
  bound: ReadonlyMap<string, string>,
): { kind: 'expanded'; text: string } | { kind: 'unset'; names: string[] } {
  const names = urlEnvNames(text);
  const unset = names.filter((name) => !bound.has(name));
  if (unset.length > 0) return { kind: 'unset', names: unset };
  if (names.length === 0) return { kind: 'expanded', text };
  return { kind: 'expanded', text: text.replace(REFERENCE, (_match, name: string) => bound.get(name)!) };
}

/**
 * `text` with each bound value (as written, URI-encoded or form-encoded) put back as its
 * `${NAME}`: longer values first, so that a value containing another is hidden whole.
 */
export function hideUrlEnv(text: string, bound: ReadonlyMap<string, string>): string {
  if (bound.size === 0) return text;
  const forms: { form: string; name: string }[] = [];
  for (const [name, value] of bound) {
    if (value.length < MIN_HIDDEN_LENGTH) continue;
    const spellings = new Set([
      value,
      encodeURIComponent(value),
      new URLSearchParams({ k: value }).toString().slice(2),
    ]);
    for (const form of spellings) forms.push({ form, name });
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  let out = text;
  for (const { form, name } of forms) out = out.split(form).join(`\${${name}}`);
  return out;
}
