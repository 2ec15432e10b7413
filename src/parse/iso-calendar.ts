/** Calendar arithmetic for ISO 8601's rarer date forms: two-digit years, ordinal and week dates. */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * A year written with two digits, as RFC 2822 §4.3 reads it: 00–49 are 2000–2049, 50–99 are
 * 1950–1999. feedparser reads RFC 822 years with 90 as the pivot and ISO 8601 ones in the current
 * century (93 is 2093); for the years feedmill accepts (1990 to now) only the latter differs, and
 * there a 1990s date is the one meant.
 */
export function fullYear(twoDigits: number): number {
  return twoDigits + (twoDigits < 50 ? 2000 : 1900);
}

/** The `dayOfYear`th day (1 is 1 January) of `year`; undefined outside the year. */
export function fromOrdinal(year: number, dayOfYear: number): CalendarDate | undefined {
  if (year < 1000 || dayOfYear < 1 || dayOfYear > (isLeapYear(year) ? 366 : 365)) return undefined;
  const date = new Date(Date.UTC(year, 0, dayOfYear));
  return { year, month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The day `weekday` (1 Monday … 7 Sunday) of ISO week `week` of the ISO week-numbering `year`,
 * whose first week holds 4 January; it may fall in the calendar year before or after.
 * Undefined for a week the year does not have (a 53rd week only where 1 January is a Thursday,
 * or a Wednesday in a leap year).
 */
export function fromWeek(year: number, week: number, weekday: number): CalendarDate | undefined {
  if (year < 1000 || week < 1 || weekday < 1 || weekday > 7) return undefined;
  const januaryFirst = new Date(Date.UTC(year, 0, 1)).getUTCDay() || 7;
  const weeks = januaryFirst === 4 || (januaryFirst === 3 && isLeapYear(year)) ? 53 : 52;
  if (week > weeks) return undefined;
  const fourth = new Date(Date.UTC(year, 0, 4)).getUTCDay() || 7;
  const date = new Date(Date.UTC(year, 0, 4 - (fourth - 1) + (week - 1) * 7 + (weekday - 1)));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
