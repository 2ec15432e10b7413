import assert from 'node:assert/strict';
import { test } from 'node:test';
import { re2Unsupported } from './re2-syntax.ts';

test('what RE2 lacks is named: lookaround, backreferences, atomic groups', () => {
  assert.equal(re2Unsupported('^(?!广告).*'), 'a lookahead (?!…)');
  assert.equal(re2Unsupported('foo(?=bar)'), 'a lookahead (?=…)');
  assert.equal(re2Unsupported('(?<=a)b'), 'a lookbehind (?<=…)');
  assert.equal(re2Unsupported('(?<!a)b'), 'a lookbehind (?<!…)');
  assert.equal(re2Unsupported('(a)\\1'), 'a backreference (\\1)');
  assert.equal(re2Unsupported('(?<x>a)\\k<x>'), 'a backreference (\\k<…>)');
});

test('what RE2 takes passes: classes, escapes, named groups, brackets holding the same characters', () => {
  for (const pattern of [
    'a|b',
    '广告|推广',
    '^\\d{4}-\\d{2}$',
    '(?<year>\\d+)',
    '(?:a|b)+',
    '[(?!=]',
    '\\(\\?!x\\)',
    '\\\\1',
  ]) {
    assert.equal(re2Unsupported(pattern), undefined, pattern);
  }
});
