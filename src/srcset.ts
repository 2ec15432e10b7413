/** One image candidate of a `srcset` attribute: its URL and descriptors (`2x`, `640w`), as written. */
export interface SrcsetCandidate {
  url: string;
  descriptors: string;
}

const WHITESPACE = /[\t\n\f\r ]/;

/**
 * Splits a `srcset` value into candidates (HTML §4.8.4.3.10, "parse a srcset attribute"): a URL
 * is a run of non-whitespace (trailing commas end it), its descriptors run to the next comma
 * outside parentheses. Descriptors are kept as text: rewriting a URL must not change them.
 */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && (WHITESPACE.test(value[at]!) || value[at] === ',')) at++;
    if (at >= value.length) break;
    const start = at;
    while (at < value.length && !WHITESPACE.test(value[at]!)) at++;
    let url = value.slice(start, at);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      candidates.push({ url, descriptors: '' });
      continue;
    }
    let depth = 0;
    const from = at;
    while (at < value.length) {
      const char = value[at]!;
      if (char === '(') depth++;
      else if (char === ')' && depth > 0) depth--;
      else if (char === ',' && depth === 0) break;
      at++;
    }
    candidates.push({
      url,
      descriptors: value
        .slice(from, at)
        .trim()
        .replace(/[\t\n\f\r ]+/g, ' '),
    });
    at++;
  }
  return candidates;
}

/** The `srcset` text of candidates. */
export function formatSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates
    .map((candidate) => (candidate.descriptors ? `${candidate.url} ${candidate.descriptors}` : candidate.url))
    .join(', ');
}
