import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainText } from './plain-text.ts';

test('titles become one line of plain text', () => {
  assert.equal(plainText('<b>Bold</b> &amp; <i>it</i>'), 'Bold & it');
  assert.equal(plainText('Line one\nline two\r\n\tthree'), 'Line one line two three');
  assert.equal(plainText('a\u0000b\u202ec\u200bd'), 'abcd');
  assert.equal(plainText('x < y && z'), 'x < y && z');
  assert.equal(plainText('<script>alert(1)</script>Safe'), 'Safe');
  assert.equal(plainText('It\'s "quoted"'), 'It\'s "quoted"');
  assert.equal(plainText('{{ title }}'), '{{ title }}');
});
