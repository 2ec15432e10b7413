import type { Diagnostic } from '../errors.ts';
import { parseDate } from './parse-date.ts';

/**
 * The first readable date among `candidates` (in the feed's order of preference) as an RFC 3339
 * UTC string. An unreadable or absurd one is reported, never passed on as text or 1970.
 */
export function readDate(
  candidates: Array<string | undefined>,
  timeZone: string,
  diagnostics: Diagnostic[],
  item: string | undefined,
): string | undefined {
  for (const raw of candidates) {
    if (raw === undefined) continue;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const date = parseDate(trimmed, timeZone);
    if (date) return date.toISOString();
    diagnostics.push({
      code: 'bad-date',
      message: `unreadable or implausible date "${trimmed.slice(0, 80)}"`,
      ...(item ? { item } : {}),
    });
  }
  return undefined;
}
