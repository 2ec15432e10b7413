import type { DateFields } from './date-fields.ts';
import { ZONE } from './date-zones.ts';
import { withIsoTime } from './iso-time.ts';

/** Hungarian month names, full and abbreviated, in lower case. */
const MONTHS: Record<string, number> = {
  január: 1,
  jan: 1,
  február: 2,
  febr: 2,
  március: 3,
  márc: 3,
  április: 4,
  ápr: 4,
  május: 5,
  máj: 5,
  június: 6,
  jún: 6,
  július: 7,
  júl: 7,
  augusztus: 8,
  aug: 8,
  szeptember: 9,
  szept: 9,
  október: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

// 2004-július-13T9:15-05:00: an ISO 8601 date whose month is named, hours may have one digit.
const HUNGARIAN = new RegExp(
  String.raw`^(\d{4})-([\p{L}\p{M}]+)\.?-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)? ?(${ZONE})?$`,
  'u',
);

/** The Hungarian W3CDTF-like dates feedparser reads; undefined when the month is no month. */
export function readHungarianDate(text: string, timeZone: string): DateFields | undefined {
  const match = HUNGARIAN.exec(text);
  const month = match && MONTHS[match[2]!.normalize('NFC').toLowerCase()];
  if (!month) return undefined;
  return withIsoTime({ year: Number(match[1]), month, day: Number(match[3]) }, match, 4, timeZone);
}
