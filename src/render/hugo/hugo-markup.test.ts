import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CleanOptions, sanitizeHtml } from '../../clean/index.ts';
import { HUGO_MARKUP } from './hugo-markup.ts';

const hugo = (html: string, options: CleanOptions = {}) =>
  sanitizeHtml(html, { ...options, markup: HUGO_MARKUP }).html;

test('braces in text, attributes and comments become references', () => {
  assert.equal(
    hugo('<p title="{{< x >}}">a {{< y >}} {{% z %}} b}}</p><!-- {{< c >}} -->', { keepComments: true }),
    '<p title="&#123;&#123;&lt; x &gt;&#125;&#125;">a &#123;&#123;&lt; y &gt;&#125;&#125; &#123;&#123;% z %&#125;&#125; b&#125;&#125;</p><!-- &#123;&#123;< c >&#125;&#125; -->',
  );
});

test('kept CSS keeps real braces, with no {{ left', () => {
  const out = hugo('<style>a{color:red}b{{<x>}}</style><p>{</p>', { keepStyle: true });
  assert.equal(out, '<style>a{color:red}b{ {<x>}}</style><p>&#123;</p>');
  assert.ok(!out.includes('{{'));
});

test('a body without braces is written as plain HTML', () => {
  const html = '<p>plain &amp; simple</p>';
  assert.equal(hugo(html), html);
});
