import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLineText, themeSafeText } from './one-line-text.ts';

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

test('quotes and backticks cannot end an attribute value or script string a theme prints into', () => {
  assert.equal(
    themeSafeText('x" onmouseover="alert(1)" y="'),
    'x\u201d onmouseover=\u201dalert(1)\u201d y=\u201d',
  );
  assert.equal(
    themeSafeText("a' autofocus onfocus='alert(1)' b='"),
    'a\u2019 autofocus onfocus=\u2019alert(1)\u2019 b=\u2019',
  );
  assert.equal(themeSafeText('Use `git rebase` safely'), 'Use \u2018git rebase\u2019 safely');
  for (const text of ['x" y', "x' y", 'x` y', '"', "'"]) assert.doesNotMatch(themeSafeText(text), /["'`]/);
});

test('typographic quotes open after a space or bracket and close elsewhere', () => {
  assert.equal(
    themeSafeText(`He said "it's" fine: 'ok'`),
    'He said \u201cit\u2019s\u201d fine: \u2018ok\u2019',
  );
  assert.equal(themeSafeText('"Quoted" (and "bracketed")'), '\u201cQuoted\u201d (and \u201cbracketed\u201d)');
  assert.equal(themeSafeText("Rock 'n' roll"), 'Rock \u2018n\u2019 roll');
  // Everything oneLineText does still happens.
  assert.equal(themeSafeText(' <b>"x"</b>\n'), '\uff1cb\uff1e\u201dx\u201d\uff1c/b\uff1e');
});

test('lone surrogates, which UTF-8 and libyaml cannot take, become U+FFFD; pairs stay', () => {
  assert.equal(oneLineText('a\ud800b\udfff \ud83d\ude00'), 'a\ufffdb\ufffd \ud83d\ude00');
  assert.equal(themeSafeText('"\udc00"'), '\u201c\ufffd\u201d');
});
