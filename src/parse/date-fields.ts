/** Wall-clock fields read from a date string; `offsetMinutes` is undefined when no zone was written. */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes?: number;
  /** An IANA zone the date names (`Europe/Berlin`), in which its wall clock is read; no offset then. */
  zone?: string;
}
