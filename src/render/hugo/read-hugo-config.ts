import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SiteOptions } from '../output-target.ts';

/** The files Hugo reads its site config from, in the order it looks for them. */
export const HUGO_CONFIG_FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
] as const;

/**
 * Reads what feedmill needs from a Hugo site's config (the first of HUGO_CONFIG_FILES): its
 * `timeZone` (Hugo's keys are case-insensitive). YAML and JSON are parsed whole; in TOML only a
 * top-level `timeZone = "…"` line is looked for, which is the form Hugo's docs give.
 */
export function readHugoConfig(siteRoot: string): SiteOptions {
  for (const name of HUGO_CONFIG_FILES) {
    let text: string;
    try {
      text = readFileSync(join(siteRoot, name), 'utf8');
    } catch {
      continue;
    }
    const zone = name.endsWith('.toml') ? tomlTimeZone(text) : documentTimeZone(text);
    return zone ? { timezone: zone } : {};
  }
  return {};
}

function documentTimeZone(text: string): string | undefined {
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    return undefined;
  }
  if (!config || typeof config !== 'object') return undefined;
  for (const [key, value] of Object.entries(config as Record<string, unknown>))
    if (key.toLowerCase() === 'timezone' && typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

function tomlTimeZone(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    // Keys after the first table header belong to that table.
    if (/^\s*\[/.test(line)) return undefined;
    const match = /^\s*timezone\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?$/i.exec(line);
    if (match) return (match[1] ?? match[2] ?? '').trim() || undefined;
  }
  return undefined;
}
