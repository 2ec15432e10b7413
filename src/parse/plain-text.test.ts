import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literalText, plainText } from './plain-text.ts';

test('only XML whitespace folds: U+00A0 and other Unicode spaces are text', () => {
  assert.equal(literalText(' \t a \r\n  b \n'), 'a b');
  assert.equal(literalText('\u00a0a\u00a0 \u00a0b\u00a0'), '\u00a0a\u00a0 \u00a0b\u00a0');
  assert.equal(literalText('x\u3000y\u2009z'), 'x\u3000y\u2009z');
  assert.equal(plainText('<b>M.</b>&nbsp;Dupont'), 'M.\u00a0Dupont');
  assert.equal(literalText('   '), '');
});
