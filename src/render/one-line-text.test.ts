import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLineText } from './one-line-text.ts';

test('texts become one line: breaks folded, invisible characters removed', () => {
  assert.equal(oneLineText('Line one\nline two\r\n\tthree'), 'Line one line two three');
  assert.equal(oneLineText('a\u0000b\u202ec\u200bd'), 'abcd');
  assert.equal(oneLineText('  padded  '), 'padded');
  assert.equal(oneLineText('It\'s "quoted"'), 'It\'s "quoted"');
  assert.equal(oneLineText('{{ title }}'), '{{ title }}');
});

test('the parser already made the text: entities and markup-like text stay as written', () => {
  assert.equal(oneLineText('x &amp; y'), 'x &amp; y');
  assert.equal(oneLineText('AT&T'), 'AT&T');
});

test('U+00A0 and other Unicode spaces are content, not folded', () => {
  assert.equal(oneLineText('10\u00a0km\u2009run'), '10\u00a0km\u2009run');
});

test('angle brackets cannot become markup in themes that print titles unescaped', () => {
  assert.equal(oneLineText('Why <blink> died'), 'Why \uff1cblink\uff1e died');
  assert.equal(oneLineText('<img src=x onerror=alert(1)>'), '\uff1cimg src=x onerror=alert(1)\uff1e');
  assert.equal(oneLineText('x < y && z'), 'x \uff1c y && z');
});
