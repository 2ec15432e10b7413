import type { DateFields } from './date-fields.ts';

/** Korea Standard Time, which feedparser takes these dates to be in; they write no zone. */
const KST = 9 * 60;

// OnBlog: 2004년 05월 28일 01:31:15 (year, month, day, then a 24-hour time).
const ONBLOG = /^(\d{4})년 ?(\d{1,2})월 ?(\d{1,2})일(?: ?(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

// Nate: 2004-05-25 오후 11:23:17, a 12-hour time after 오전 (morning) or 오후 (afternoon).
const NATE = /^(\d{4})-(\d{2})-(\d{2}) ?(오전|오후) ?(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

/** The dates Korean blog hosts wrote, read in Korea Standard Time (+09:00). */
export function readKoreanDate(text: string): DateFields | undefined {
  const onblog = ONBLOG.exec(text);
  if (onblog) {
    return {
      year: Number(onblog[1]),
      month: Number(onblog[2]),
      day: Number(onblog[3]),
      hour: Number(onblog[4] ?? 0),
      minute: Number(onblog[5] ?? 0),
      second: Number(onblog[6] ?? 0),
      millisecond: 0,
      offsetMinutes: KST,
    };
  }
  const nate = NATE.exec(text);
  if (!nate) return undefined;
  // 오전 12시 is midnight and 오후 12시 noon; an hour past 12 contradicts its half of the day.
  const hour = Number(nate[5]);
  if (hour > 12) return undefined;
  return {
    year: Number(nate[1]),
    month: Number(nate[2]),
    day: Number(nate[3]),
    hour: (hour % 12) + (nate[4] === '오후' ? 12 : 0),
    minute: Number(nate[6]),
    second: Number(nate[7] ?? 0),
    millisecond: 0,
    offsetMinutes: KST,
  };
}
