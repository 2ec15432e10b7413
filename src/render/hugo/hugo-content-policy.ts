import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { HugoConfigFile } from './read-hugo-config.ts';

/** What to add to a Hugo site's config so that Hugo 0.162 and later read feedmill's posts. */
export const HUGO_ALLOW_CONTENT = "security: { allowContent: ['^text/html$', '^text/markdown$'] }";

/**
 * The warning a Hugo site needs when its config file (`config`, firstHugoConfig's) keeps Hugo
 * 0.162 and later from reading HTML content files, which is what feedmill's posts are: those
 * versions deny `text/html` unless `security.allowContent` lets it through, and fail the whole
 * build on the first post. None when the config allows it, and none when feedmill cannot tell
 * (the setting in the environment, or in a config folder, or in a form it cannot read): a wrong
 * warning would be worse.
 */
export function hugoContentWarning(
  siteRoot: string,
  config: HugoConfigFile | undefined,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (environment.HUGO_SECURITY_ALLOWCONTENT !== undefined) return undefined;
  if (config === undefined) return undefined;
  if (mentionedInConfigFolder(siteRoot)) return undefined;
  const { name, text } = config;
  const patterns = name.endsWith('.toml') ? tomlPatterns(text) : documentPatterns(text);
  if (patterns === undefined || allowsHtml(patterns)) return undefined;
  return (
    `Hugo 0.162 and later refuse HTML content files, which feedmill's posts are, unless the site ` +
    `allows them: add ${HUGO_ALLOW_CONTENT} to ${name} (Hugo before 0.162 ignores it)`
  );
}

/**
 * Whether `text/html` passes Hugo's whitelist: no `! `-negated pattern matches it, and, when
 * there are plain patterns, one of them does; `none` allows nothing. A pattern JavaScript
 * cannot compile (Go's RE2 has a few forms it lacks) counts as allowing, not to warn wrongly.
 */
export function allowsHtml(patterns: readonly string[]): boolean {
  let plain = false;
  let matched = false;
  for (const pattern of patterns) {
    const trimmed = pattern.trim();
    if (trimmed === 'none') return false;
    const negated = trimmed.startsWith('!');
    const source = negated ? trimmed.slice(1).trim() : trimmed;
    let matches: boolean;
    try {
      matches = new RegExp(source).test('text/html');
    } catch {
      return true;
    }
    if (negated) {
      if (matches) return false;
    } else {
      plain = true;
      matched ||= matches;
    }
  }
  return !plain || matched;
}

/** The patterns a YAML or JSON config gives (Hugo's keys are case-insensitive); [] when none. */
function documentPatterns(text: string): string[] | undefined {
  let config: unknown;
  try {
    config = jsYaml.load(text);
  } catch {
    return undefined;
  }
  const security = field(config, 'security');
  if (security === undefined) return [...DEFAULT_POLICY];
  const allow = field(security, 'allowcontent');
  if (allow === undefined) return [...DEFAULT_POLICY];
  if (typeof allow === 'string') return [allow];
  if (Array.isArray(allow) && allow.every((entry) => typeof entry === 'string')) return allow;
  return undefined;
}

/**
 * The patterns of a TOML config, found by their key (`allowContent = […]` in `[security]`, or
 * `security.allowContent` at the top): the default when the key is absent, undefined when it is
 * there in a form not read here.
 */
function tomlPatterns(text: string): string[] | undefined {
  if (!/allowcontent/i.test(text)) return [...DEFAULT_POLICY];
  const match = /allowcontent["']?\s*=\s*(\[[^\]]*\]|'[^'\n]*'|"[^"\n]*")/i.exec(text);
  if (!match) return undefined;
  return [...match[1]!.matchAll(/'([^'\n]*)'|"((?:[^"\\\n]|\\.)*)"/g)].map((found) =>
    found[1] !== undefined ? found[1] : found[2]!.replace(/\\(.)/g, '$1'),
  );
}

/** Hugo's default since 0.162: every content type but HTML (and Org, later). */
const DEFAULT_POLICY = ['! ^text/html$', '! ^text/org$'];

function field(value: unknown, key: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const [name, entry] of Object.entries(value)) if (name.toLowerCase() === key) return entry;
  return undefined;
}

/** Whether a config folder (`config/…`) says anything of allowContent: then Hugo merges what feedmill cannot. */
function mentionedInConfigFolder(siteRoot: string): boolean {
  let files: string[];
  try {
    files = readdirSync(join(siteRoot, 'config'), { recursive: true, encoding: 'utf8' });
  } catch {
    return false;
  }
  for (const file of files) {
    try {
      if (/allowcontent/i.test(readFileSync(join(siteRoot, 'config', file), 'utf8'))) return true;
    } catch {
      // A folder, or unreadable: nothing said there.
    }
  }
  return false;
}
