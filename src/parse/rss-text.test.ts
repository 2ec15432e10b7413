import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlainTextBody, rssText } from './rss-text.ts';

test('a "<" that starts no HTML tag is text: the words around it stay', () => {
  assert.equal(rssText('Using std::vector<int> in C++'), 'Using std::vector<int> in C++');
  assert.equal(rssText('a<b and c>d'), 'a<b and c>d');
  assert.equal(rssText('Generics: List<T> & Map<K, V>'), 'Generics: List<T> & Map<K, V>');
  assert.equal(rssText('I <3 you'), 'I <3 you');
});

test('a lone HTML start tag is not taken for markup', () => {
  assert.equal(rssText('The <title> element'), 'The <title> element');
  assert.equal(rssText('Why <script> tags matter'), 'Why <script> tags matter');
});

test('text that shows it is HTML is read as HTML', () => {
  assert.equal(rssText('<b>Bold</b> &amp; <i>italic</i>'), 'Bold & italic');
  assert.equal(rssText('Line<br>break'), 'Linebreak');
  assert.equal(rssText('<em>x</em> &lt;3'), 'x <3');
  assert.equal(rssText('a <!-- note --> b'), 'a b');
});

test('markup with a tag that names no HTML element is text, references decoded', () => {
  assert.equal(rssText('<b>vector<int></b>'), '<b>vector<int></b>');
  assert.equal(rssText('vector<int> &amp; more'), 'vector<int> & more');
});

test('text without "<" is read as before: references decoded, whitespace folded', () => {
  assert.equal(rssText('AT&amp;T\n  news'), 'AT&T news');
  assert.equal(rssText(undefined), '');
});

test('a description is plain text only when it has lines and no markup or reference', () => {
  assert.equal(isPlainTextBody('First paragraph.\n\nSecond one,\nwith a break.'), true);
  assert.equal(isPlainTextBody('One line, no markup.'), false);
  assert.equal(isPlainTextBody('<p>First.</p>\n<p>Second.</p>'), false);
  assert.equal(isPlainTextBody('Fish &amp; chips\n\nand peas'), false);
  assert.equal(isPlainTextBody('5 < 6\n\n7 > 3'), false);
});
