import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string, zone = 'UTC'): string | undefined => parseDate(raw, zone, NOW)?.toISOString();

test('RFC 822 and its real-world variants', () => {
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 GMT'), '2003-06-10T04:00:00.000Z');
  assert.equal(iso('10 Jun 2003 04:00:00 GMT'), '2003-06-10T04:00:00.000Z');
  assert.equal(iso('Tue, 10 Jun 03 04:00:00 GMT'), '2003-06-10T04:00:00.000Z');
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 EST'), '2003-06-10T09:00:00.000Z');
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 PDT'), '2003-06-10T11:00:00.000Z');
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 UT'), '2003-06-10T04:00:00.000Z');
  assert.equal(iso('tue, 10 jun 2003 04:00 z'), '2003-06-10T04:00:00.000Z');
  assert.equal(iso('  Tue,  10   Jun 2003   04:00:00   +0200 '), '2003-06-10T02:00:00.000Z');
  assert.equal(iso('Thu Dec 16 2021 14:30:00 GMT+0800 (China Standard Time)'), '2021-12-16T06:30:00.000Z');
});

test('AM/PM: 12 AM is midnight and 12 PM is noon', () => {
  assert.equal(iso('Dec 16, 2021 12:00 AM'), '2021-12-16T00:00:00.000Z');
  assert.equal(iso('Dec 16, 2021 12:00 PM'), '2021-12-16T12:00:00.000Z');
  assert.equal(iso('Dec 16, 2021 2:30 p.m.'), '2021-12-16T14:30:00.000Z');
  assert.equal(iso('16 Dec 2021 11:59:59 PM GMT'), '2021-12-16T23:59:59.000Z');
  assert.equal(iso('2021年12月16日 下午2:30', 'Asia/Shanghai'), '2021-12-16T06:30:00.000Z');
});

test('RFC 3339 / ISO 8601 with and without seconds, fractions and offsets', () => {
  assert.equal(iso('2021-12-16T14:30:00+08:00'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('2021-12-16T14:30+08:00'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('2021-12-16T06:30:00.5Z'), '2021-12-16T06:30:00.500Z');
  assert.equal(iso('2021-12-16t06:30:00z'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('20211216T063000Z'), '2021-12-16T06:30:00.000Z');
});

test('W3CDTF reduced precision and ISO 8601 ordinal dates start their period', () => {
  assert.equal(iso('2004'), '2004-01-01T00:00:00.000Z');
  assert.equal(iso('2004-07'), '2004-07-01T00:00:00.000Z');
  assert.equal(iso('2004-07', 'Asia/Shanghai'), '2004-06-30T16:00:00.000Z');
  assert.equal(iso('2004-060'), '2004-02-29T00:00:00.000Z');
  assert.equal(iso('2003-365'), '2003-12-31T00:00:00.000Z');
  assert.equal(iso('2003-366'), undefined);
  assert.equal(iso('2004-13'), undefined);
});

test('zone names: US zones without standard/daylight; military letters carry no information', () => {
  assert.equal(iso('Mon, 26 Jan 2004 16:31:00 ET'), '2004-01-26T21:31:00.000Z');
  assert.equal(iso('Mon, 26 Jan 2004 16:31:00 PT'), '2004-01-27T00:31:00.000Z');
  assert.equal(iso('Mon, 26 Jan 2004 16:31:00 NZDT'), '2004-01-26T03:31:00.000Z');
  // Middle European Time, in English and in German (MEZ/MESZ), as German feeds write it.
  assert.equal(iso('Thu, 30 Apr 2015 08:57:00 MET'), '2015-04-30T07:57:00.000Z');
  assert.equal(iso('Thu, 30 Apr 2015 08:57:00 MEST'), '2015-04-30T06:57:00.000Z');
  assert.equal(iso('Mo, 26 Jan 2004 16:31:00 MEZ'), '2004-01-26T15:31:00.000Z');
  assert.equal(iso('Do, 30 Apr 2015 08:57:00 MESZ'), '2015-04-30T06:57:00.000Z');
  // RFC 1123 §5.2.14 / RFC 5322 §4.3: read as -0000.
  assert.equal(iso('Mon, 26 Jan 2004 16:31:00 A'), '2004-01-26T16:31:00.000Z');
  assert.equal(iso('Mon, 26 Jan 2004 16:31:00 Y'), '2004-01-26T16:31:00.000Z');
});

test('IANA Etc/ zones after a date, with their POSIX signs', () => {
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 Etc/GMT+5'), '2004-01-02T00:48:21.000Z');
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 Etc/GMT-3'), '2004-01-01T16:48:21.000Z');
  assert.equal(iso('Wed, 19 Aug 2009 18:28:00 Etc/GMT'), '2009-08-19T18:28:00.000Z');
  assert.equal(iso('Sun Jan 4 16:29:06 Etc/GMT+8 2004'), '2004-01-05T00:29:06.000Z');
  // An Etc/ name IANA does not have leaves the date unread rather than read as UTC.
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 Etc/GMT+13'), undefined);
  assert.equal(iso('Thu, 01 Jan 2004 19:48:21 Etc/Mars'), undefined);
});

test("an IANA zone named after the time (PHP's `e`) reads the wall clock there, DST included", () => {
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 Europe/Berlin'), '2003-06-10T02:00:00.000Z');
  assert.equal(iso('Wed, 10 Dec 2003 04:00:00 Europe/Berlin'), '2003-12-10T03:00:00.000Z');
  assert.equal(iso('2003-06-10 04:00:00 America/New_York'), '2003-06-10T08:00:00.000Z');
  assert.equal(iso('2003-06-10T04:00:00 America/Argentina/Buenos_Aires'), '2003-06-10T07:00:00.000Z');
  // The named zone wins over the feed's.
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 Asia/Tokyo', 'Europe/London'), '2003-06-09T19:00:00.000Z');
  // A name IANA does not have leaves the date unread rather than read in another zone.
  assert.equal(iso('Tue, 10 Jun 2003 04:00:00 Mars/Olympus_Mons'), undefined);
  assert.equal(iso('2003-06-10 04:00:00 Europe/Atlantis'), undefined);
});

test('zone-less dates are read in the feed timezone, DST included', () => {
  assert.equal(iso('2021-12-16 14:30:00', 'Asia/Shanghai'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('2021年12月16日 14:30', 'Asia/Shanghai'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('2021-07-15 12:00', 'America/New_York'), '2021-07-15T16:00:00.000Z');
  assert.equal(iso('2021-01-15 12:00', 'America/New_York'), '2021-01-15T17:00:00.000Z');
  assert.equal(iso('Thu, 16 Dec 2021 14:30:00'), '2021-12-16T14:30:00.000Z');
});

test('Unix epoch seconds and milliseconds', () => {
  assert.equal(iso('1639636200'), '2021-12-16T06:30:00.000Z');
  assert.equal(iso('1639636200000'), '2021-12-16T06:30:00.000Z');
});

test('empty, impossible and absurd dates are undefined, never 1970 or NaN', () => {
  for (const raw of [
    '',
    '   ',
    '0000-00-00',
    '0000-00-00 00:00:00',
    'Mon, 31 Feb 2021 10:00:00 GMT',
    '2021-02-29',
    'Fri, 01 Jan 2100 00:00:00 GMT',
    '0',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'soon',
    '2021-13-01',
    '2021-12-16T25:00:00Z',
    // Years written with four digits below 100 are not 19xx.
    '0095-03-01',
    '0099-01-01T00:00:00Z',
    '0098',
    'Thu, 01 Jan 0099 00:00:00 GMT',
  ]) {
    assert.equal(parseDate(raw, 'UTC', NOW), undefined, raw);
  }
  assert.equal(parseDate(undefined), undefined);
});

test('CST is US Central unless the feed is in a Chinese time zone', () => {
  assert.equal(iso('Thu, 16 Dec 2021 14:30:00 CST'), '2021-12-16T20:30:00.000Z');
  assert.equal(iso('Thu, 16 Dec 2021 14:30:00 CST', 'Asia/Shanghai'), '2021-12-16T06:30:00.000Z');
});

test('the forms toISOString and toUTCString print read as Date.parse reads them', () => {
  let seed = 17;
  for (let round = 0; round < 2000; round++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const date = new Date(Date.UTC(1995, 0, 1) + (seed % 900_000_000) * 1000 + (seed % 1000));
    const iso = date.toISOString();
    const utc = date.toUTCString();
    assert.equal(parseDate(iso)?.getTime(), Date.parse(iso));
    assert.equal(parseDate(`${iso.slice(0, 19)}-05:30`)?.getTime(), Date.parse(`${iso.slice(0, 19)}-05:30`));
    assert.equal(parseDate(utc)?.getTime(), Date.parse(utc));
    assert.equal(parseDate(`${utc.slice(0, 26)}+0800`)?.getTime(), Date.parse(`${utc.slice(0, 26)}+0800`));
  }
});

test('offsets the general readers refuse are refused in the common forms too', () => {
  // Past +14:00 an ISO offset is dropped (the feed's zone applies); an RFC 822 date is unreadable.
  assert.equal(parseDate('2021-12-16T07:12:34+15:00')?.toISOString(), '2021-12-16T07:12:34.000Z');
  assert.equal(parseDate('2021-12-16T07:12:34+08:60')?.toISOString(), '2021-12-16T07:12:34.000Z');
  assert.equal(parseDate('Thu, 16 Dec 2021 07:12:34 +1500'), undefined);
  assert.equal(parseDate('Thu, 16 Dec 2021 07:12:34 +0800')?.toISOString(), '2021-12-15T23:12:34.000Z');
  assert.equal(parseDate('Thu, 31 Feb 2021 07:12:34 GMT'), undefined);
});
