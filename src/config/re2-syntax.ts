/**
 * RSSHub runs its `filter*` parameters with RE2 by default (`FILTER_REGEX_ENGINE=re2`), which
 * has no lookaround, backreferences or atomic groups: a pattern using them is a valid JavaScript
 * expression but fails the route on the instance (an error page, HTTP 503). This names the first
 * such construct in a pattern, or undefined when RE2 can take it.
 */
export function re2Unsupported(pattern: string): string | undefined {
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference (\\${next})`;
      if (!inClass && next === 'k' && pattern[index + 2] === '<') return 'a backreference (\\k<…>)';
      index++; // the escaped character is a literal
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      // `[]…]` and `[^]…]`: a `]` right after the opening is part of the class.
      if (pattern[index + 1] === '^') index++;
      if (pattern[index + 1] === ']') index++;
      continue;
    }
    if (char !== '(' || pattern[index + 1] !== '?') continue;
    const head = pattern.slice(index + 2, index + 4);
    if (head.startsWith('=') || head.startsWith('!')) return `a lookahead (?${head[0]}…)`;
    if (head === '<=' || head === '<!') return `a lookbehind (?${head}…)`;
    if (head.startsWith('>')) return 'an atomic group (?>…)';
  }
  return undefined;
}
