/** Reads the many date forms feeds use; see RFC 822 §5, RFC 1123 §5.2.14 and RFC 3339. */

import type { DateFields } from './date-fields.ts';
import { inRegion, readOffset, ZONE } from './date-zones.ts';
import { greekNamesInEnglish } from './greek-date-names.ts';
import { fullYear, isLeapYear } from './iso-calendar.ts';
import { ISO_TIME_AND_ZONE, withIsoTime } from './iso-time.ts';
import { readHungarianDate } from './read-hungarian-date.ts';
import { readIsoVariant } from './read-iso-variants.ts';
import { readKoreanDate } from './read-korean-date.ts';
import { readPerforceDate } from './read-perforce-date.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Latest instant accepted: a date further in the future than this is absurd. */
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;
const EARLIEST = Date.UTC(1990, 0, 1);

/**
 * Parses a feed date. Dates without a zone are read in `timeZone` (an IANA name). Returns
 * undefined for empty, unparseable, impossible (31 February) or absurd (far future) dates.
 */
export function parseDate(raw: string | undefined, timeZone = 'UTC', now = Date.now()): Date | undefined {
  if (raw === undefined) return undefined;
  let text = raw.trim();
  if (text === '') return undefined;
  let fields: DateFields | Date | undefined = readCommonForm(text);
  if (!fields) {
    if (LOOSE_SPACE.test(text)) text = text.replace(/\s+/g, ' ');
    if (MAYBE_AM_PM.test(text)) text = toTwentyFourHour(text);
    // Dates that start with a digit are ISO, epoch and national forms; others RFC 822 and kin.
    const code = text.charCodeAt(0);
    fields =
      code >= 48 && code <= 57
        ? readDigitFirst(text, timeZone)
        : code === 45 /* - */
          ? readIsoVariant(text, timeZone)
          : (readRfc822(text, timeZone) ??
            readPerforceDate(text, timeZone) ??
            readGreekRfc822(text, timeZone));
  }
  if (!fields) return undefined;
  if (fields instanceof Date) return plausible(fields, now);
  if (!validFields(fields)) return undefined;
  const wall = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  const instant =
    fields.offsetMinutes === undefined
      ? wall - zoneOffsetMinutes(wall, fields.zone ?? timeZone) * 60_000
      : wall - fields.offsetMinutes * 60_000;
  return plausible(new Date(instant), now);
}

/** A date that starts with a digit; the rarer forms come last, to read only what nothing else does. */
function readDigitFirst(text: string, timeZone: string): DateFields | Date | undefined {
  return (
    readEpoch(text) ??
    readIso(text, timeZone) ??
    readChinese(text) ??
    readRfc822(text, timeZone) ??
    readIsoVariant(text, timeZone) ??
    readKoreanDate(text) ??
    readHungarianDate(text, timeZone) ??
    readGreekRfc822(text, timeZone)
  );
}

/**
 * The two forms nearly every feed writes, read without regular expressions: RFC 3339 as
 * toISOString prints it (2021-12-16T07:12:34[.123] then Z or +08:00) and RFC 1123 as
 * toUTCString prints it (Thu, 16 Dec 2021 07:12:34 then GMT or +0800). The fields are those the
 * general readers give; anything else (or an offset they would refuse) is left to them.
 */
function readCommonForm(text: string): DateFields | undefined {
  const length = text.length;
  let fields: DateFields;
  let zoneAt: number;
  if (length >= 20 && text.charCodeAt(4) === 45 /* - */ && text.charCodeAt(10) === 84 /* T */) {
    if (text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
      return undefined;
    fields = {
      year: digits(text, 0, 4),
      month: digits(text, 5, 2),
      day: digits(text, 8, 2),
      hour: digits(text, 11, 2),
      minute: digits(text, 14, 2),
      second: digits(text, 17, 2),
      millisecond: 0,
    };
    zoneAt = 19;
    if (text.charCodeAt(19) === 46 /* . */) {
      fields.millisecond = digits(text, 20, 3);
      zoneAt = 23;
    }
    if (zoneAt === length - 1 && text.charCodeAt(zoneAt) === 90 /* Z */) fields.offsetMinutes = 0;
    else if (zoneAt === length - 6 && text.charCodeAt(zoneAt + 3) === 58 /* : */)
      fields.offsetMinutes = numericOffset(text, zoneAt, zoneAt + 4);
    else return undefined;
  } else if ((length === 29 || length === 31) && text.charCodeAt(3) === 44 /* , */) {
    if (!isLetter(text, 0) || !isLetter(text, 1) || !isLetter(text, 2)) return undefined;
    if (text.charCodeAt(4) !== 32 || text.charCodeAt(7) !== 32 || text.charCodeAt(11) !== 32)
      return undefined;
    if (text.charCodeAt(16) !== 32 || text.charCodeAt(19) !== 58 || text.charCodeAt(22) !== 58)
      return undefined;
    if (text.charCodeAt(25) !== 32) return undefined;
    const month = MONTHS[text.slice(8, 11).toLowerCase()];
    if (month === undefined) return undefined;
    fields = {
      year: digits(text, 12, 4),
      month,
      day: digits(text, 5, 2),
      hour: digits(text, 17, 2),
      minute: digits(text, 20, 2),
      second: digits(text, 23, 2),
      millisecond: 0,
    };
    if (length === 29 && text.endsWith('GMT')) fields.offsetMinutes = 0;
    else if (length === 31) fields.offsetMinutes = numericOffset(text, 26, 29);
    else return undefined;
  } else return undefined;
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = fields;
  // NaN (a non-digit somewhere) fails every comparison: only all-digit fields pass.
  if (!(year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && millisecond >= 0))
    return undefined;
  return offsetMinutes === undefined || Number.isNaN(offsetMinutes) ? undefined : fields;
}

/** The number written with `count` ASCII digits at `start`, or NaN. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index) - 48;
    if (!(code >= 0 && code <= 9)) return Number.NaN;
    value = value * 10 + code;
  }
  return value;
}

/** A ±HH offset at `at` with its minutes at `minutesAt`, as readOffset reads it; NaN when it refuses it. */
function numericOffset(text: string, at: number, minutesAt: number): number {
  const sign = text.charCodeAt(at);
  const hours = digits(text, at + 1, 2);
  const minutes = digits(text, minutesAt, 2);
  if ((sign !== 43 && sign !== 45) || !(hours <= 14 && minutes <= 59)) return Number.NaN;
  const total = hours * 60 + minutes;
  return sign === 45 ? -total : total;
}

function isLetter(text: string, index: number): boolean {
  const lower = text.charCodeAt(index) | 0x20;
  return lower >= 97 && lower <= 122;
}

function plausible(date: Date, now: number): Date | undefined {
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > now + FUTURE_SLACK_MS) return undefined;
  return date;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const LOOSE_SPACE = /\s\s|[\t\n\r]/;
const MAYBE_AM_PM = /[AaPp]\.?[Mm]\.?(?:$|[ ,+-])|午|晚上|凌晨/;

function validFields(fields: DateFields): boolean {
  const { year, month, day, hour, minute, second } = fields;
  // Date.UTC would read a year below 100 ("0095") as 19xx; every year below 1000 is absurd anyway.
  if (year < 1000) return false;
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return false;
  if (hour === 24 && (minute > 0 || second > 0)) return false;
  const leap = month === 2 && isLeapYear(year);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

function readEpoch(text: string): Date | undefined {
  if (!/^\d{9,13}(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return new Date(text.replace(/\..*/, '').length >= 12 ? value : value * 1000);
}

const ISO = new RegExp(String.raw`^(\d{4})-?(\d{2})-?(\d{2})${ISO_TIME_AND_ZONE}$`);

// W3CDTF (the profile of ISO 8601 that RSS 1.0 and Atom dates follow) also allows a year
// alone and a year and month. Other ISO 8601 forms are read by readIsoVariant.
const REDUCED = /^(\d{4})(?:-(\d{2}))?$/;

function readIso(text: string, timeZone: string): DateFields | undefined {
  const match = ISO.exec(text);
  if (!match) return readReducedIso(text);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return withIsoTime(date, match, 4, timeZone);
}

function readReducedIso(text: string): DateFields | undefined {
  const reduced = REDUCED.exec(text);
  if (!reduced) return undefined;
  const month = Number(reduced[2] ?? 1);
  return { year: Number(reduced[1]), month, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
}

// A trailing comment such as "(CST)" or "(China Standard Time)".
const COMMENT = String.raw`(?: \([^()]*\))?`;

// [Day,] DD Mon YY[YY] HH:MM[:SS] [zone]; day names, commas and case are all optional/loose.
const RFC822 = new RegExp(
  String.raw`^(?:[A-Za-z]{2,9},? ?)?(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2,4}),?(?: |T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(${ZONE}))?${COMMENT}$`,
);

// Mon DD, YYYY HH:MM:SS (a frequent variant, and JavaScript's Date#toString).
const MONTH_FIRST = new RegExp(
  String.raw`^(?:[A-Za-z]{2,9},? )?([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4}),?(?: at)? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?(${ZONE}))?${COMMENT}$`,
);

// asctime and Unix date(1): Thu Dec 16 14:30:00 [zone] 2021.
const ASCTIME = new RegExp(
  String.raw`^(?:[A-Za-z]{2,9},? )?([A-Za-z]{3,9}) (\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: (${ZONE}))? (\d{4})$`,
);

const AM_PM = /\b(\d{1,2})(:\d{2}(?::\d{2})?)(?:\.\d+)? ?([AaPp])\.?[Mm]\.?(?=$|[ ,+-])/;
const CHINESE_AM_PM = /(上午|下午|晚上|凌晨|中午) ?(\d{1,2})([:：]\d{1,2})/;

/** Rewrites "2:30 PM" (and 下午2:30) as 24-hour time; "12:00 AM" is midnight, "12:00 PM" noon. */
function toTwentyFourHour(text: string): string {
  const match = AM_PM.exec(text);
  if (match) {
    const hour = Number(match[1]);
    if (hour >= 1 && hour <= 12) {
      const pm = match[3]!.toLowerCase() === 'p';
      const converted = (hour % 12) + (pm ? 12 : 0);
      return `${text.slice(0, match.index)}${String(converted).padStart(2, '0')}${match[2]}${text.slice(match.index + match[0].length)}`;
    }
    return text;
  }
  const chinese = CHINESE_AM_PM.exec(text);
  if (chinese) {
    const hour = Number(chinese[2]);
    const pm = chinese[1] === '下午' || chinese[1] === '晚上' || (chinese[1] === '中午' && hour < 11);
    const converted = pm && hour < 12 ? hour + 12 : hour;
    return `${text.slice(0, chinese.index)}${converted}${chinese[3]}${text.slice(chinese.index + chinese[0].length)}`;
  }
  return text;
}

function readRfc822(text: string, timeZone: string): DateFields | undefined {
  let day: string | undefined;
  let monthName: string | undefined;
  let yearText: string | undefined;
  let rest: Array<string | undefined>;
  const match = RFC822.exec(text);
  if (match) {
    [, day, monthName, yearText] = match;
    rest = match.slice(4);
  } else if (MONTH_FIRST.test(text)) {
    const alt = MONTH_FIRST.exec(text)!;
    [, monthName, day, yearText] = alt;
    rest = alt.slice(4);
  } else {
    const asc = ASCTIME.exec(text);
    if (!asc) return readDateOnly(text);
    [, monthName, day] = asc;
    yearText = asc[7];
    rest = [asc[3], asc[4], asc[5], asc[6]];
  }
  const month =
    MONTHS[(monthName ?? '').slice(0, 4).toLowerCase()] ??
    MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  if (!month) return undefined;
  let year = Number(yearText);
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx; three digits add 1900.
  if ((yearText ?? '').length === 2) year = fullYear(year);
  else if ((yearText ?? '').length === 3) year += 1900;
  const fields: DateFields = {
    year,
    month,
    day: Number(day),
    hour: Number(rest[0]),
    minute: Number(rest[1]),
    second: Number(rest[2] ?? 0),
    millisecond: 0,
  };
  const zone = rest[3];
  if (zone?.includes('/')) return inRegion(fields, zone);
  if (zone) {
    const offset = readOffset(zone, timeZone);
    if (offset === undefined && !/^[A-Za-z]+$/.test(zone)) return undefined;
    // An unknown zone abbreviation is read as UTC rather than dropping the date.
    fields.offsetMinutes = offset ?? 0;
  }
  return fields;
}

/** An RFC 822 date with its month and day named in Greek. */
function readGreekRfc822(text: string, timeZone: string): DateFields | undefined {
  const english = greekNamesInEnglish(text);
  return english === undefined ? undefined : readRfc822(english, timeZone);
}

function readDateOnly(text: string): DateFields | undefined {
  const dayFirst = /^(?:[A-Za-z]{2,9},? )?(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/.exec(text);
  const monthFirst = dayFirst
    ? undefined
    : /^(?:[A-Za-z]{2,9},? )?([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  const [dayText, monthName, yearText] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  if (!monthName) return undefined;
  const month = MONTHS[monthName.slice(0, 4).toLowerCase()] ?? MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (!month) return undefined;
  return {
    year: Number(yearText),
    month,
    day: Number(dayText),
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
  };
}

const CHINESE =
  /^(\d{4})[年/.-](\d{1,2})[月/.-](\d{1,2})日?(?: ?(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?分?)?$/;

function readChinese(text: string): DateFields | undefined {
  const match = CHINESE.exec(text);
  if (!match) return undefined;
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? 0),
    minute: Number(match[5] ?? 0),
    second: Number(match[6] ?? 0),
    millisecond: 0,
  };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at (approximately) the given wall-clock time. */
export function zoneOffsetMinutes(wallAsUtc: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const offsetAt = (instant: number): number => {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
    const asUtc = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  };
  // Two passes settle the offset for wall times near a DST change.
  const first = offsetAt(wallAsUtc);
  return offsetAt(wallAsUtc - first * 60_000);
}
