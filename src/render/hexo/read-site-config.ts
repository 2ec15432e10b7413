import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SiteOptions } from '../output-target.ts';

/** Reads what feedmill needs from the Hexo site's _config.yml (missing file: defaults). */
export function readSiteConfig(siteRoot: string): SiteOptions {
  let text: string;
  try {
    text = readFileSync(join(siteRoot, '_config.yml'), 'utf8');
  } catch {
    return {};
  }
  const config: unknown = parse(text);
  const timezone =
    config && typeof config === 'object' ? (config as Record<string, unknown>).timezone : undefined;
  return typeof timezone === 'string' && timezone.trim() ? { timezone: timezone.trim() } : {};
}
