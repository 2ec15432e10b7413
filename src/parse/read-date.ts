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
    if (date) return isoString(date);
    diagnostics.push({
      code: 'bad-date',
      message: `unreadable or implausible date "${trimmed.slice(0, 80)}"`,
      ...(item ? { item } : {}),
    });
  }
  return undefined;
}

/**
 * date.toISOString() for the years parseDate lets through (four digits), formatted here
 * because Node 20's native one costs about twice as much.
 */
function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
