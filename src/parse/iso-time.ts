import type { DateFields } from './date-fields.ts';
import { inRegion, readOffset, ZONE } from './date-zones.ts';

/**
 * What may follow an ISO 8601 date: a time after `T`, `t` or a space (seconds and their fraction
 * optional, colons too) and a zone, a space before it allowed. Its five groups are the hour,
 * minute, second, fraction and zone that withIsoTime reads.
 */
export const ISO_TIME_AND_ZONE = String.raw`(?:[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)? ?(${ZONE})?`;

/**
 * The date's fields with the time and zone ISO_TIME_AND_ZONE matched at `groups[at]` onwards, or
 * undefined for a zone name it does not know. A numeric offset out of range is dropped (the
 * feed's zone applies), as it always was.
 */
export function withIsoTime(
  date: Pick<DateFields, 'year' | 'month' | 'day'>,
  groups: ArrayLike<string | undefined>,
  at: number,
  timeZone: string,
): DateFields | undefined {
  const fraction = groups[at + 3];
  const fields: DateFields = {
    ...date,
    hour: Number(groups[at] ?? 0),
    minute: Number(groups[at + 1] ?? 0),
    second: Number(groups[at + 2] ?? 0),
    millisecond: fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0,
  };
  const zone = groups[at + 4];
  if (zone?.includes('/')) return inRegion(fields, zone);
  if (zone) {
    const offset = readOffset(zone, timeZone);
    if (offset === undefined && !/^[+-]\d{2}/.test(zone)) return undefined;
    fields.offsetMinutes = offset;
  }
  return fields;
}
