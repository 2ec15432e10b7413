import type { DateFields } from './date-fields.ts';

/** Zones written in feed dates: names, numeric offsets, and the minutes east of UTC they mean. */

// RFC 822 zones, plus the common ones feeds use in practice.
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  // Middle European Time (the older English name of CET), and German feeds' MEZ and MESZ.
  MET: 60,
  MEST: 120,
  MEZ: 60,
  MESZ: 120,
  BST: 60,
  JST: 540,
  KST: 540,
  HKT: 480,
  IST: 330,
  AEST: 600,
  AEDT: 660,
  MSK: 180,
  // US zones named without standard/daylight, as feedparser reads them.
  AT: -240,
  ET: -300,
  CT: -360,
  MT: -420,
  PT: -480,
  AST: -240,
  ADT: -180,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  WET: 0,
  WEST: 60,
  EET: 120,
  EEST: 180,
  SGT: 480,
  NZST: 720,
  NZDT: 780,
  // RFC 1123 §5.2.14 and RFC 5322 §4.3: RFC 822's military zones had their signs reversed, so
  // they carry no information and are read as UTC.
  A: 0,
  M: 0,
  N: 0,
  Y: 0,
};

const CHINA_ZONES = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'PRC',
  'ROC',
]);

// A zone: a name (RFC 822 §5.1), a numeric offset, "GMT+0800" as JavaScript's Date prints it, an
// IANA Etc/ name ("Etc/GMT", "Etc/GMT+5"), or another IANA name ("Europe/Berlin", as PHP's `e`
// writes it).
export const ZONE = String.raw`(?:(?:GMT|UTC|UT)?[+-]\d{1,2}(?::?\d{2})?|[Ee][Tt][Cc]/[A-Za-z]+(?:[+-]?\d{1,2})?|[A-Za-z]+(?:/[A-Za-z][A-Za-z0-9_+-]*){1,2}|[A-Za-z]{1,5})`;

// The IANA Etc/ names of UTC itself.
const ETC_UTC = new Set(['GMT', 'GMT0', 'GMT+0', 'GMT-0', 'GREENWICH', 'UCT', 'UTC', 'UNIVERSAL', 'ZULU']);

const knownRegions = new Map<string, string | undefined>();

/**
 * The IANA zone a date names after its time (`Europe/Berlin`, `America/Argentina/Buenos_Aires`),
 * as the runtime's time zone database spells it; undefined for a name that has no slash, is an
 * Etc/ zone (a fixed offset, readOffset's) or that the database does not have.
 */
export function regionZone(zone: string): string | undefined {
  if (!zone.includes('/') || /^etc\//i.test(zone)) return undefined;
  if (knownRegions.has(zone)) return knownRegions.get(zone);
  let found: string | undefined;
  try {
    found = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    found = undefined;
  }
  // Feeds name few zones; the cache is bounded all the same against a feed of made-up names.
  if (knownRegions.size < 1000) knownRegions.set(zone, found);
  return found;
}

/**
 * A date's fields with a zone name holding a slash: an Etc/ zone's offset, or another IANA zone
 * to read the wall clock in; undefined for a name the time zone database does not have.
 */
export function inRegion(fields: DateFields, name: string): DateFields | undefined {
  if (/^etc\//i.test(name)) {
    const offset = readOffset(name);
    return offset === undefined ? undefined : { ...fields, offsetMinutes: offset };
  }
  const zone = regionZone(name);
  return zone === undefined ? undefined : { ...fields, zone };
}

/** The offset east of UTC, in minutes, that `zone` names; undefined for one unknown or out of range. */
export function readOffset(zone: string, timeZone = 'UTC'): number | undefined {
  const upper = zone.toUpperCase();
  // "CST" is US Central in RFC 822 but China Standard Time in Chinese feeds (and Taiwan's).
  if (upper === 'CST' && CHINA_ZONES.has(timeZone)) return 480;
  if (Object.hasOwn(ZONES, upper)) return ZONES[upper];
  if (upper.startsWith('ETC/')) return readEtcZone(upper.slice(4));
  const match = /^(?:GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = hours * 60 + Number(match[3] ?? 0);
  if (hours > 14 || Number(match[3] ?? 0) > 59) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * An IANA Etc/ zone. Their signs are POSIX's, the reverse of ISO 8601's: Etc/GMT+5 is five hours
 * behind UTC (-05:00) and Etc/GMT-3 three hours ahead. IANA has Etc/GMT-14 to Etc/GMT+12 only.
 */
function readEtcZone(name: string): number | undefined {
  if (ETC_UTC.has(name)) return 0;
  const match = /^GMT([+-])(\d{1,2})$/.exec(name);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const behind = match[1] === '+';
  if (hours > (behind ? 12 : 14)) return undefined;
  return behind ? -hours * 60 : hours * 60;
}
