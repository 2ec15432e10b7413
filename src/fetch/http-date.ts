const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES =
  /^(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

// RFC 9110 §5.6.7, with names read case-insensitively and runs of spaces allowed between parts.
const IMF_FIXDATE = /^([a-z]+), +(\d{2}) +([a-z]{3}) +(\d{4}) +(\d{2}):(\d{2}):(\d{2}) +gmt$/;
const RFC_850 = /^([a-z]+), +(\d{2})-([a-z]{3})-(\d{2}) +(\d{2}):(\d{2}):(\d{2}) +gmt$/;
const ASCTIME = /^([a-z]+) +([a-z]{3}) +(\d{1,2}) +(\d{2}):(\d{2}):(\d{2}) +(\d{4})$/;

/** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past century. */
const FIFTY_YEARS_MS = 50 * 365.25 * 24 * 60 * 60 * 1000;

/**
 * An HTTP-date (RFC 9110 §5.6.7) as milliseconds since the epoch: IMF-fixdate, or the obsolete
 * RFC 850 and asctime forms, all three in GMT. Undefined for anything else: a number such as
 * `Expires: 0`, a date without a zone or with another one, an impossible day. (Date.parse was
 * used before: it read asctime and zone-less dates as local time and accepted most anything.)
 * `now` places an RFC 850 two-digit year.
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const text = value.trim().toLowerCase();
  let match = IMF_FIXDATE.exec(text);
  if (match) return timestamp(match[1]!, match[4]!, match[3]!, match[2]!, match.slice(5, 8));
  match = ASCTIME.exec(text);
  if (match) return timestamp(match[1]!, match[7]!, match[2]!, match[3]!, match.slice(4, 7));
  match = RFC_850.exec(text);
  if (!match) return undefined;
  const twoDigits = Number(match[4]);
  const century = new Date(now).getUTCFullYear() - (new Date(now).getUTCFullYear() % 100);
  const at = timestamp(match[1]!, String(century + twoDigits), match[3]!, match[2]!, match.slice(5, 8));
  if (at === undefined || at - now <= FIFTY_YEARS_MS) return at;
  return timestamp(match[1]!, String(century - 100 + twoDigits), match[3]!, match[2]!, match.slice(5, 8));
}

/** The instant the parts name, or undefined when they name none (31 November, 24:00:00…). */
function timestamp(
  dayName: string,
  year: string,
  monthName: string,
  day: string,
  time: string[],
): number | undefined {
  const month = MONTHS.indexOf(monthName);
  if (month < 0 || !DAY_NAMES.test(dayName)) return undefined;
  const [hour, minute, second] = time.map(Number) as [number, number, number];
  // A leap second (60) is allowed by the grammar; it is read as the last second of the minute.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  // setUTCFullYear, not Date.UTC, which reads a year below 100 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), month, Number(day));
  date.setUTCHours(hour, minute, Math.min(second, 59));
  return date.getUTCDate() === Number(day) ? date.getTime() : undefined;
}
