import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRegexRunner } from './regex-runner.ts';

test('patterns match any of their texts, with their flags', async () => {
  const runner = createRegexRunner();
  try {
    assert.deepEqual(
      await runner.test([
        { source: '^\\[AD\\]', flags: 'i', texts: ['news', '[ad] buy'] },
        { source: 'Sale', flags: '', texts: ['sale'] },
        { source: '广告', flags: 'i', texts: ['这是广告'] },
      ]),
      [true, false, true],
    );
  } finally {
    await runner.close();
  }
});

test('a catastrophic pattern times out instead of hanging; the others still answer', async () => {
  const runner = createRegexRunner(200);
  const evil = { source: '(a+)+$', flags: 'i', texts: [`${'a'.repeat(40)}!`] };
  try {
    const started = performance.now();
    assert.deepEqual(
      await runner.test([
        { source: 'a', flags: '', texts: ['a'] },
        evil,
        { source: 'b', flags: '', texts: ['b'] },
      ]),
      [true, 'timeout', true],
    );
    // Seconds, not the hours the match would take; the bound is the deadline plus a worker start.
    assert.ok(performance.now() - started < 10_000);
    // Known slow for the rest of the run: not tried again.
    const again = performance.now();
    assert.deepEqual(await runner.test([evil, { source: 'c', flags: '', texts: ['c'] }]), ['timeout', true]);
    assert.ok(performance.now() - again < 200, 'a known slow pattern is not run again');
  } finally {
    await runner.close();
  }
});
