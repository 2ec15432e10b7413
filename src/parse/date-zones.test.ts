import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOffset } from './date-zones.ts';

test('Etc/ zones have POSIX signs: Etc/GMT+5 is behind UTC, unlike GMT+5; only IANA names', () => {
  assert.equal(readOffset('Etc/GMT+5'), -300);
  assert.equal(readOffset('Etc/GMT-3'), 180);
  assert.equal(readOffset('etc/gmt+10'), -600);
  assert.equal(readOffset('Etc/GMT-14'), 840);
  assert.equal(readOffset('Etc/GMT+12'), -720);
  for (const utc of ['Etc/GMT', 'Etc/UTC', 'Etc/GMT0', 'Etc/GMT-0', 'Etc/Zulu', 'ETC/UNIVERSAL'])
    assert.equal(readOffset(utc), 0, utc);
  // Written without Etc/, the sign is the ordinary one, as JavaScript's Date prints it.
  assert.equal(readOffset('GMT+5'), 300);
  assert.equal(readOffset('UTC-3'), -180);
  // Names IANA does not have name no offset.
  for (const zone of ['Etc/GMT+13', 'Etc/GMT-15', 'Etc/GMT+5:30', 'Etc/GMT+0530', 'Etc/Foo', 'Etc/'])
    assert.equal(readOffset(zone), undefined, zone);
});
