import type { DateFields } from './date-fields.ts';
import { type CalendarDate, fromOrdinal, fromWeek, fullYear } from './iso-calendar.ts';
import { ISO_TIME_AND_ZONE, withIsoTime } from './iso-time.ts';

/** A date form: its pattern (a time and zone may follow) and how its groups give the date. */
interface Form {
  pattern: RegExp;
  groups: number;
  date: (groups: RegExpExecArray) => CalendarDate | undefined;
}

const form = (date: string, groups: number, read: Form['date']): Form => ({
  pattern: new RegExp(`^${date}${ISO_TIME_AND_ZONE}$`),
  groups,
  date: read,
});

// Tried in this order; the first whose pattern matches decides.
const FORMS: Form[] = [
  // Calendar dates with a two-digit year: 031231, 03-12-31.
  form(String.raw`(\d{2})-?(\d{2})-?(\d{2})`, 3, (m) => ({
    year: fullYear(Number(m[1])),
    month: Number(m[2]),
    day: Number(m[3]),
  })),
  // ISO 8601:1988's truncated forms with the century left out: -0312, -03-12, -03-12-31.
  form(String.raw`-(\d{2})-?(\d{2})(?:-?(\d{2}))?`, 3, (m) => ({
    year: fullYear(Number(m[1])),
    month: Number(m[2]),
    day: Number(m[3] ?? 1),
  })),
  // Ordinal dates (year and day of the year): 2003-335, 2003335, 03-335, 03335.
  form(String.raw`(\d{4}|\d{2})-?(\d{3})`, 2, (m) =>
    fromOrdinal(m[1]!.length === 2 ? fullYear(Number(m[1])) : Number(m[1]), Number(m[2])),
  ),
  // Week dates (year, week and day of the week, Monday 1; the week's Monday without it):
  // 2004-W53-6, 2004W536, 2004-W53.
  form(String.raw`(\d{4})-?[Ww](\d{2})(?:-?(\d))?`, 3, (m) =>
    fromWeek(Number(m[1]), Number(m[2]), Number(m[3] ?? 1)),
  ),
  // The month with a leading zero, as Google wrote it for a while: 2003-012-31.
  form(String.raw`(\d{4})-0(\d{2})-(\d{2})`, 3, (m) => ({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
  })),
];

/**
 * ISO 8601 dates other than the calendar date with a four-digit year that readIso takes: years
 * of two digits, ordinal and week dates, as feedparser reads them; each with an optional time
 * and zone. Undefined when none matches, or for a day the calendar lacks.
 */
export function readIsoVariant(text: string, timeZone: string): DateFields | undefined {
  for (const { pattern, groups, date } of FORMS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const day = date(match);
    return day && withIsoTime(day, match, groups + 1, timeZone);
  }
  return undefined;
}
