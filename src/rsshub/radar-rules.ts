import { z } from 'zod';
import type { Diagnostic } from '../errors.ts';
import { parsePattern } from './route-path.ts';

/**
 * RSSHub Radar rules as an instance serves them at /api/radar/rules: registrable domain →
 * `{ _name, [subdomain or "."]: rule[] }`, each rule `{ title, docs, source, target }` where
 * `source` lists URL path patterns of the site and `target` is the route template to fill.
 */
export type RadarRules = Record<string, RadarSite>;

/** One registrable domain's rules, keyed by subdomain (`.` for the bare domain). */
export interface RadarSite {
  /** The site's display name (`_name`). */
  name?: string;
  subdomains: Record<string, RadarRule[]>;
}

/** One rule: the site's URL patterns it recognises and the route they lead to. */
export interface RadarRule {
  title: string;
  /** The documentation page of the route, shown when the route cannot be filled. */
  docs?: string;
  /** Path patterns of the site (`/user/:id`, `/search?q=:keyword`), relative to the host. */
  sources: string[];
  /**
   * The route template (`/bilibili/user/video/:uid`), or undefined when the rule computes its
   * route with code: such a target is never run, so the rule only points to its docs.
   */
  target?: string;
}

const ruleSchema = z
  .object({
    title: z.string().optional(),
    docs: z.string().optional(),
    source: z.union([z.string(), z.array(z.string())]).optional(),
    target: z.unknown().optional(),
  })
  .loose();

/**
 * Reads an /api/radar/rules answer. Lenient per rule (an unusable one is skipped with a
 * diagnostic), strict about the top-level shape (an object keyed by domain).
 */
export function readRadarRules(json: unknown, diagnostics: Diagnostic[]): RadarRules {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError('expected a JSON object keyed by domain');
  }
  const rules: RadarRules = {};
  let computed = 0;
  for (const [domain, value] of Object.entries(json)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push({
        code: 'rsshub-radar-rule-invalid',
        message: `radar rules of ${domain} are not an object`,
      });
      continue;
    }
    const site: RadarSite = { subdomains: {} };
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (key === '_name') {
        if (typeof entry === 'string' && entry.trim()) site.name = entry.trim();
        continue;
      }
      if (key.startsWith('_')) continue;
      if (!Array.isArray(entry)) {
        diagnostics.push({
          code: 'rsshub-radar-rule-invalid',
          message: `radar rules of ${hostOf(key, domain)} are not a list`,
        });
        continue;
      }
      const list: RadarRule[] = [];
      for (const raw of entry) {
        const parsed = ruleSchema.safeParse(raw);
        const sources = parsed.success ? toSources(parsed.data.source) : [];
        if (!parsed.success || sources.length === 0) {
          diagnostics.push({
            code: 'rsshub-radar-rule-invalid',
            message: `a radar rule of ${hostOf(key, domain)} has no usable source`,
          });
          continue;
        }
        const rule: RadarRule = { title: parsed.data.title?.trim() || site.name || domain, sources };
        if (parsed.data.docs) rule.docs = parsed.data.docs;
        const target = typeof parsed.data.target === 'string' ? withoutTrailingSlash(parsed.data.target) : '';
        if (isRouteTemplate(target)) rule.target = target;
        else computed++;
        list.push(rule);
      }
      if (list.length > 0) site.subdomains[key.toLowerCase()] = list;
    }
    rules[domain.toLowerCase()] = site;
  }
  if (computed > 0) {
    diagnostics.push({
      code: 'rsshub-radar-rule-invalid',
      message: `${computed} radar rules compute their route with code, which feedmill never runs: they only point to their docs`,
    });
  }
  return rules;
}

function hostOf(subdomain: string, domain: string): string {
  return subdomain === '.' ? domain : `${subdomain}.${domain}`;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function toSources(source: string | string[] | undefined): string[] {
  const list = source === undefined ? [] : Array.isArray(source) ? source : [source];
  return list.map((entry) => entry.trim()).filter((entry) => entry.startsWith('/'));
}

// RFC 3986 pchar minus the characters that only code would contain (quotes, parentheses).
const LITERAL_SEGMENT = /^[A-Za-z0-9\-._~!$&*+,;=@%]+$/;

/**
 * Whether a target is a plain route template: `/`-separated literal segments and `:name`
 * placeholders (optionally `?` or `{regex}`). A function serialized into the JSON (whose text
 * has spaces, parentheses, `=>`) is not, and is never evaluated.
 */
export function isRouteTemplate(target: string): boolean {
  if (!target.startsWith('/') || target.length > 500 || /\s/.test(target)) return false;
  const parts = target.split('/').slice(1);
  if (parts.some((part) => part === '')) return parts.length === 1; // only `/` itself may be empty
  return parsePattern(target).every((segment, index) => {
    const text = parts[index] ?? '';
    if (segment.kind === 'param') return /^:\w+(\{[^{}\s]+\})?\??$/.test(text);
    if (segment.kind === 'wildcard') return true;
    return LITERAL_SEGMENT.test(segment.text);
  });
}
