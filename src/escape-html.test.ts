import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, escapeHtmlAttribute } from './escape-html.ts';

test('escapeHtml keeps markup-looking text as text', () => {
  assert.equal(escapeHtml('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;');
  assert.equal(escapeHtml('plain "quoted" {text}'), 'plain "quoted" {text}');
});

test('escapeHtmlAttribute keeps a value inside its double quotes', () => {
  assert.equal(escapeHtmlAttribute('a"b&c<d'), 'a&quot;b&amp;c<d');
  assert.equal(escapeHtmlAttribute('https://x.example/?a=1'), 'https://x.example/?a=1');
});
