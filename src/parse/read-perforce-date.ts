import type { DateFields } from './date-fields.ts';
import { ZONE } from './date-zones.ts';
import { withIsoTime } from './iso-time.ts';

// Perforce's feeds: Fri, 2006/09/15 08:19:53 EDT (a day name, then year/month/day).
const PERFORCE = new RegExp(
  String.raw`^[A-Za-z]{2,9},? (\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(${ZONE})?$`,
);

/** The date Perforce's feeds write, as feedparser reads it; a zone name it does not know, none. */
export function readPerforceDate(text: string, timeZone: string): DateFields | undefined {
  const match = PERFORCE.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return withIsoTime(date, match, 4, timeZone);
}
