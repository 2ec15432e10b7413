import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greekNamesInEnglish } from './greek-date-names.ts';
import { parseDate } from './parse-date.ts';

const NOW = Date.UTC(2026, 0, 1);
const iso = (raw: string): string | undefined => parseDate(raw, 'UTC', NOW)?.toISOString();

test("Greek month and day names, with or without accents, read as RFC 822's", () => {
  assert.equal(iso('Κυρ, 11 Ιούλ 2004 12:00:00 EST'), '2004-07-11T17:00:00.000Z');
  assert.equal(iso('Τρι, 25 Μαΐ 2004 09:30:00 +0300'), '2004-05-25T06:30:00.000Z');
  assert.equal(iso('ΠΕΜ, 02 ΔΕΚ 2010 18:00:00 GMT'), '2010-12-02T18:00:00.000Z');
  assert.equal(iso('Σάββατο, 3 Ιουνίου 2023 08:00 GMT'), '2023-06-03T08:00:00.000Z');
  assert.equal(iso('11 Ιουλ 2004'), '2004-07-11T00:00:00.000Z');
  // A Greek word that is no month or day name leaves the date unread.
  assert.equal(iso('Κυρ, 11 Γεια 2004 12:00:00 EST'), undefined);
  assert.equal(greekNamesInEnglish('Thu, 11 Jul 2004'), undefined);
});
