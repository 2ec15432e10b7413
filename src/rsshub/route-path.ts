/**
 * RSSHub route patterns (Hono syntax): `/finance/china/:lid?`, `/:id{.+}`, `*`.
 * Matching and filling them is done segment by segment, never on the whole string.
 */

/** One segment of a route pattern. */
export type PatternSegment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; rest: boolean; pattern?: string }
  | { kind: 'wildcard' };

/** Splits a pattern into segments. */
export function parsePattern(pattern: string): PatternSegment[] {
  return splitPath(pattern).map((part): PatternSegment => {
    if (part === '*') return { kind: 'wildcard' };
    if (!part.startsWith(':')) return { kind: 'literal', text: part };
    let body = part.slice(1);
    const optional = body.endsWith('?');
    if (optional) body = body.slice(0, -1);
    const brace = body.indexOf('{');
    const name = brace === -1 ? body : body.slice(0, brace);
    const pattern = brace === -1 ? undefined : body.slice(brace + 1, body.lastIndexOf('}'));
    // `{.+}`/`{.*}` let the parameter span several segments (RSSHub uses them for trailing paths).
    const rest = pattern !== undefined && /^\.[+*]$/.test(pattern);
    return pattern === undefined
      ? { kind: 'param', name, optional, rest }
      : { kind: 'param', name, optional, rest, pattern };
  });
}

/** The path's non-empty segments (a pattern's `?` marks stay: strip a query before calling). */
export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/** Whether the text is a pattern with placeholders rather than a concrete path. */
export function hasPlaceholders(path: string): boolean {
  return parsePattern(path).some((segment) => segment.kind !== 'literal');
}

/**
 * Whether a concrete path is served by the pattern; returns the number of literal segments
 * matched (the specificity, to prefer `/a/b` over `/a/:x`), or -1.
 */
export function matchPattern(pattern: string, path: string): number {
  const segments = parsePattern(pattern);
  const parts = splitPath(path.split('?', 1)[0] ?? '');
  // Memoized on (segment, part): optional parameters would otherwise branch exponentially.
  const memo = new Map<number, number>();
  const walk = (si: number, pi: number): number => {
    const id = si * (parts.length + 1) + pi;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const result = step(si, pi);
    memo.set(id, result);
    return result;
  };
  const step = (si: number, pi: number): number => {
    if (si === segments.length) return pi === parts.length ? 0 : -1;
    const segment = segments[si]!;
    if (segment.kind === 'literal') {
      if (parts[pi] !== segment.text) return -1;
      const tail = walk(si + 1, pi + 1);
      return tail === -1 ? -1 : tail + 1;
    }
    if (segment.kind === 'wildcard' || segment.rest) {
      const min = segment.kind === 'param' && segment.optional ? 0 : 1;
      for (let end = parts.length; end >= pi + min; end--) {
        const tail = walk(si + 1, end);
        if (tail !== -1) return tail;
      }
      return -1;
    }
    if (pi < parts.length && paramAccepts(segment.pattern, parts[pi]!)) {
      const tail = walk(si + 1, pi + 1);
      if (tail !== -1) return tail;
    }
    return segment.optional ? walk(si + 1, pi) : -1;
  };
  return walk(0, 0);
}

function paramAccepts(pattern: string | undefined, value: string): boolean {
  // Long patterns from a catalogue are not compiled (a guard against pathological expressions).
  if (pattern === undefined || pattern.length > 100) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}

/** The result of filling a pattern: a concrete path, or the required parameters nobody gave. */
export type FillResult = { kind: 'filled'; path: string } | { kind: 'missing'; names: string[] };

/**
 * Fills a pattern's placeholders from `params` (values are URI-encoded per segment). Optional
 * parameters left out end the path: RSSHub's optional parameters only trail.
 */
export function fillPattern(pattern: string, params: Readonly<Record<string, string>>): FillResult {
  const out: string[] = [];
  const missing: string[] = [];
  let stopped = false;
  for (const segment of parsePattern(pattern)) {
    if (segment.kind === 'literal') {
      if (!stopped) out.push(segment.text);
      continue;
    }
    const name = segment.kind === 'param' ? segment.name : '*';
    const value = params[name];
    if (value === undefined || value === '') {
      if (segment.kind === 'param' && segment.optional) stopped = true;
      else missing.push(name);
      continue;
    }
    if (stopped) {
      missing.push(`(an earlier optional parameter before ${name})`);
      continue;
    }
    const rest = segment.kind === 'wildcard' || segment.rest;
    out.push(rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value));
  }
  if (missing.length > 0) return { kind: 'missing', names: missing };
  return { kind: 'filled', path: `/${out.join('/')}` };
}

/** The parameter names of a pattern, in order. */
export function patternParams(pattern: string): { name: string; optional: boolean }[] {
  return parsePattern(pattern).flatMap((segment) =>
    segment.kind === 'param' ? [{ name: segment.name, optional: segment.optional }] : [],
  );
}
