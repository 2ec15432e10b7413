import type { RadarRule, RadarRules, RadarSite } from './radar-rules.ts';
import { fillPattern, parsePattern } from './route-path.ts';

/** A rule that recognises an address, and the route it leads to when it can be filled. */
export interface RadarMatch {
  /** The site's name (`_name`), else its domain. */
  site: string;
  title: string;
  docs?: string;
  /** The source pattern that matched (`/user/:id`). */
  source: string;
  /** Values the address gave the source's placeholders (decoded). */
  params: Record<string, string>;
  /** The concrete route (`/bilibili/user/video/2267573`), or absent when it cannot be filled. */
  route?: string;
  /** The rule's route template, when it is one (`/github/trending/:since`). */
  target?: string;
  /** Why there is no route: the target is code, or the address lacks these parameters. */
  unfilled?: { kind: 'computed' } | { kind: 'missing'; names: string[] };
}

/**
 * The rules that recognise `address`, as RSSHub Radar matches them: the host's registrable
 * domain (the longest suffix the rules list), then its subdomain (`.` for none; `www` and `.`
 * stand in for each other), then each source against the path (trailing placeholders may be
 * absent) and the query. Matches that give a route come first; duplicates are dropped.
 */
export function matchRadarRules(rules: RadarRules, address: URL): RadarMatch[] {
  const found = siteRules(rules, address.hostname);
  if (!found) return [];
  const { site, domain, list } = found;
  const matches: RadarMatch[] = [];
  const seen = new Set<string>();
  for (const rule of list) {
    for (const source of rule.sources) {
      const params = matchRadarSource(source, address);
      if (!params) continue;
      const match = toMatch(rule, source, params, site.name ?? domain);
      // A route that cannot be filled is worth showing only when the address gave every value
      // the source asks for (`/trending` → `/github/trending/:since`): a source matched through
      // its absent trailing placeholders (the site's home page against `/:user/:repo`) is noise.
      if (match.unfilled?.kind === 'missing' && !sourceNames(source).every((name) => name in params))
        continue;
      const key = match.route ?? `docs:${match.docs ?? match.title}`;
      if (!seen.has(key)) {
        seen.add(key);
        matches.push(match);
      }
      break; // one match per rule: its other sources lead to the same target
    }
  }
  return [...matches.filter((match) => match.route), ...matches.filter((match) => !match.route)];
}

function siteRules(
  rules: RadarRules,
  hostname: string,
): { site: RadarSite; domain: string; list: RadarRule[] } | undefined {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  // Rules are keyed by registrable domain; without a public-suffix list, the longest suffix
  // the rules know is it (`user.github.io` before `github.io`, `space.bilibili.com` → `bilibili.com`).
  for (let index = 0; index < labels.length; index++) {
    const domain = labels.slice(index).join('.');
    const site = Object.hasOwn(rules, domain) ? rules[domain] : undefined;
    if (!site) continue;
    const subdomain = labels.slice(0, index).join('.') || '.';
    const list =
      site.subdomains[subdomain] ??
      (subdomain === 'www' ? site.subdomains['.'] : subdomain === '.' ? site.subdomains.www : undefined);
    return list ? { site, domain, list } : undefined;
  }
  return undefined;
}

/** Every placeholder name of a source, path and query. */
function sourceNames(source: string): string[] {
  const { path, query } = splitSource(source);
  const names = sourceSegments(path).flatMap((segment) => (segment.kind === 'literal' ? [] : [segment.name]));
  for (const value of new URLSearchParams(query).values()) {
    const placeholder = /^:(\w+)\??$/.exec(value);
    if (placeholder) names.push(placeholder[1]!);
  }
  return names;
}

function toMatch(rule: RadarRule, source: string, params: Record<string, string>, site: string): RadarMatch {
  const match: RadarMatch = { site, title: rule.title, source, params };
  if (rule.docs) match.docs = rule.docs;
  if (rule.target !== undefined) match.target = rule.target;
  if (rule.target === undefined) {
    match.unfilled = { kind: 'computed' };
    return match;
  }
  const filled = fillPattern(rule.target, params);
  if (filled.kind === 'filled') match.route = filled.path;
  else match.unfilled = { kind: 'missing', names: filled.names };
  return match;
}

type SourceSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean }
  | { kind: 'glob'; name: string; optional: boolean };

/**
 * The placeholder values when `source` (a path pattern, maybe with a query such as
 * `?q=:keyword`) recognises the address, else undefined. Placeholders at the end of the
 * path may be absent, as Radar allows (rule authors seldom mark them optional).
 */
export function matchRadarSource(source: string, address: URL): Record<string, string> | undefined {
  const { path, query } = splitSource(source);
  const segments = sourceSegments(path);
  const parts = address.pathname
    .split('/')
    .filter((part) => part.length > 0)
    .map(decodeSegment);
  const failed = new Set<number>();
  const walk = (
    si: number,
    pi: number,
    params: Record<string, string>,
  ): Record<string, string> | undefined => {
    const id = si * (parts.length + 1) + pi;
    // Whether a state can finish does not depend on the values captured so far.
    if (failed.has(id)) return undefined;
    const result = step(si, pi, params);
    if (!result) failed.add(id);
    return result;
  };
  const step = (
    si: number,
    pi: number,
    params: Record<string, string>,
  ): Record<string, string> | undefined => {
    if (si === segments.length) return pi === parts.length ? params : undefined;
    const segment = segments[si]!;
    if (segment.kind === 'literal') {
      return parts[pi] === segment.text ? walk(si + 1, pi + 1, params) : undefined;
    }
    if (segment.kind === 'glob') {
      for (let end = parts.length; end >= pi + (segment.optional ? 0 : 1); end--) {
        const value = parts.slice(pi, end).join('/');
        const result = walk(si + 1, end, end > pi ? { ...params, [segment.name]: value } : params);
        if (result) return result;
      }
      return undefined;
    }
    if (pi < parts.length) {
      const result = walk(si + 1, pi + 1, { ...params, [segment.name]: parts[pi]! });
      if (result) return result;
    }
    return segment.optional ? walk(si + 1, pi, params) : undefined;
  };
  const params = walk(0, 0, {});
  if (!params) return undefined;
  for (const [name, value] of new URLSearchParams(query)) {
    const placeholder = /^:(\w+)(\?)?$/.exec(value);
    const given = address.searchParams.get(name);
    if (!placeholder) {
      if (given !== value) return undefined;
    } else if (given !== null && given !== '') params[placeholder[1]!] = given;
    else if (!placeholder[2]) return undefined;
  }
  return params;
}

/**
 * Splits a source at its query. A `?` right after a placeholder that ends its segment marks
 * the placeholder optional (`/user/:id?`); any other `?` starts the query.
 */
function splitSource(source: string): { path: string; query: string } {
  const text = source.split('#', 1)[0] ?? '';
  for (let index = text.indexOf('?'); index !== -1; index = text.indexOf('?', index + 1)) {
    const before = text.slice(0, index);
    const next = text[index + 1];
    const optionalMark = /\/:\w+$/.test(before) && (next === undefined || next === '/');
    if (!optionalMark) return { path: before, query: text.slice(index + 1) };
  }
  return { path: text, query: '' };
}

function sourceSegments(path: string): SourceSegment[] {
  const segments = parsePattern(path).map((segment): SourceSegment => {
    if (segment.kind === 'wildcard') return { kind: 'glob', name: '*', optional: false };
    if (segment.kind === 'param') {
      return segment.rest
        ? { kind: 'glob', name: segment.name, optional: segment.optional }
        : { kind: 'param', name: segment.name, optional: segment.optional };
    }
    // route-recognizer's `*name` globs the rest of the path into `name`.
    if (segment.text.startsWith('*'))
      return { kind: 'glob', name: segment.text.slice(1) || '*', optional: false };
    return { kind: 'literal', text: decodeSegment(segment.text) };
  });
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index]!;
    if (segment.kind !== 'param') break;
    segment.optional = true;
  }
  return segments;
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
