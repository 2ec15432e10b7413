/**
 * What the full-text processor remembers per item in the state store (JSON in the processor
 * cache), and when it fetches the article page again.
 */

/** A failed page fetch is tried on this many runs in all, then the post keeps the feed's content. */
export const MAX_FETCH_ATTEMPTS = 3;

/** One item's remembered outcome, for the link and rule it was made with. */
export interface FullTextEntry {
  /** The item link the outcome is for; a new link is fetched again. */
  url: string;
  /** The extraction rule's fingerprint; changing the rule re-extracts items still in the feed. */
  rule: string;
  /** `not-found` (no article, or not HTML) is final for this link and rule; `failed` is retried. */
  outcome: 'extracted' | 'not-found' | 'failed';
  /** The article HTML: this outcome's, or the one kept from an earlier link or rule. */
  html?: string;
  /** Characters of text in `html` (white space folded), compared with the feed's own content. */
  chars?: number;
  /** Failed fetches of this link with this rule so far. */
  attempts: number;
}

/** The cached value read back; anything unreadable counts as nothing cached. */
export function readEntry(value: string | undefined): FullTextEntry | undefined {
  if (value === undefined) return undefined;
  try {
    const entry = JSON.parse(value) as Partial<FullTextEntry>;
    const known =
      entry.outcome === 'extracted' || entry.outcome === 'not-found' || entry.outcome === 'failed';
    if (typeof entry.url !== 'string' || typeof entry.rule !== 'string' || !known) return undefined;
    if (entry.html !== undefined && (typeof entry.html !== 'string' || typeof entry.chars !== 'number'))
      return undefined;
    return { ...entry, attempts: typeof entry.attempts === 'number' ? entry.attempts : 0 } as FullTextEntry;
  } catch {
    return undefined;
  }
}

/**
 * Whether the page must be fetched: nothing remembered for this link and rule, or only failures
 * with attempts left. An extraction, or a page without an article, is never fetched again.
 */
export function needsFetch(
  entry: FullTextEntry | undefined,
  url: string,
  rule: string,
  maxAttempts: number = MAX_FETCH_ATTEMPTS,
): boolean {
  if (entry === undefined || entry.url !== url || entry.rule !== rule) return true;
  return entry.outcome === 'failed' && entry.attempts < maxAttempts;
}
