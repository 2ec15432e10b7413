import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { SiteOptions } from '../output-target.ts';

/** The files Hugo reads its site config from, in the order it looks for them. */
export const HUGO_CONFIG_FILES: readonly string[] = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];

/** A Hugo site's config file: its name (which says its format) and its text. */
export interface HugoConfigFile {
  name: string;
  text: string;
}

/**
 * What feedmill needs from a Hugo site's config file (firstHugoConfig's): its `timeZone`, and
 * the path of its `baseURL` as the site's root (Hugo's keys are case-insensitive). YAML and
 * JSON are parsed whole; in TOML only top-level `key = "…"` lines are looked for, the form
 * Hugo's docs give.
 */
export function hugoSiteOptions(config: HugoConfigFile | undefined): SiteOptions {
  if (config === undefined) return {};
  const { name, text } = config;
  const read = name.endsWith('.toml') ? tomlString.bind(null, text) : documentString(text);
  const site: SiteOptions = {};
  const zone = read('timezone');
  if (zone) site.timezone = zone;
  const root = rootOf(read('baseurl'));
  if (root) site.root = root;
  return site;
}

/** The name and text of the config file Hugo reads (the first of HUGO_CONFIG_FILES there is). */
export function firstHugoConfig(siteRoot: string): HugoConfigFile | undefined {
  for (const name of HUGO_CONFIG_FILES) {
    try {
      return { name, text: readFileSync(join(siteRoot, name), 'utf8') };
    } catch {
      // Not there (or unreadable): Hugo looks for the next name.
    }
  }
  return undefined;
}

/** The path of a base URL with `/` at both ends, when it is not just `/`. */
function rootOf(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  let path: string;
  try {
    path = new URL(baseUrl).pathname;
  } catch {
    return undefined;
  }
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : undefined;
}

function documentString(text: string): (key: string) => string | undefined {
  let config: unknown;
  try {
    // js-yaml, already loaded to read feedmill.yml; Hugo 0.111's YAML reader is YAML 1.1-like too.
    config = jsYaml.load(text);
  } catch {
    config = undefined;
  }
  const fields =
    config && typeof config === 'object' ? Object.entries(config as Record<string, unknown>) : [];
  return (key) => {
    const found = fields.find(([name, value]) => name.toLowerCase() === key && typeof value === 'string');
    return typeof found?.[1] === 'string' ? found[1].trim() || undefined : undefined;
  };
}

function tomlString(text: string, key: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    // Keys after the first table header belong to that table.
    if (/^\s*\[/.test(line)) return undefined;
    const match = /^\s*([A-Za-z]+)\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?$/.exec(line);
    if (match && match[1]!.toLowerCase() === key) return (match[2] ?? match[3] ?? '').trim() || undefined;
  }
  return undefined;
}
