import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { SiteOptions } from '../output-target.ts';

/** Reads what feedmill needs from the Hexo site's _config.yml (missing file: defaults). */
export function readSiteConfig(siteRoot: string): SiteOptions {
  let text: string;
  try {
    text = readFileSync(join(siteRoot, '_config.yml'), 'utf8');
  } catch {
    return {};
  }
  // Hexo reads _config.yml with js-yaml's default schema; so does feedmill, to agree with it.
  const config: unknown = jsYaml.load(text);
  const fields = config && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  const site: SiteOptions = {};
  if (typeof fields.timezone === 'string' && fields.timezone.trim()) site.timezone = fields.timezone.trim();
  // Hexo serves the site under `root` (default `/`); it is written with slashes at both ends.
  if (typeof fields.root === 'string' && fields.root.trim() && fields.root.trim() !== '/')
    site.root = `/${fields.root.trim().replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return site;
}
