import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRfc3339 } from './format-rfc3339.ts';

test('the instant with the offset of the zone', () => {
  const date = new Date('2021-12-16T06:21:53Z');
  assert.equal(formatRfc3339(date), '2021-12-16T06:21:53+00:00');
  assert.equal(formatRfc3339(date, 'Asia/Shanghai'), '2021-12-16T14:21:53+08:00');
  assert.equal(formatRfc3339(date, 'America/St_Johns'), '2021-12-16T02:51:53-03:30');
  assert.equal(formatRfc3339(new Date('2021-07-01T00:00:00Z'), 'Europe/Berlin'), '2021-07-01T02:00:00+02:00');
  for (const zone of ['UTC', 'Asia/Shanghai', 'America/St_Johns', 'Pacific/Chatham'])
    assert.equal(new Date(formatRfc3339(date, zone)).getTime(), date.getTime(), zone);
});
