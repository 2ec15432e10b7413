import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hugoSafeHtml } from './hugo-safe-html.ts';

test('braces in text, attributes and comments become references', () => {
  assert.equal(
    hugoSafeHtml('<p title="{{< x >}}">a {{< y >}} {{% z %}} b}}</p><!-- {{< c >}} -->'),
    '<p title="&#123;&#123;< x >&#125;&#125;">a &#123;&#123;< y >&#125;&#125; &#123;&#123;% z %&#125;&#125; b&#125;&#125;</p><!-- &#123;&#123;< c >&#125;&#125; -->',
  );
});

test('kept CSS keeps real braces, with no {{ left', () => {
  const out = hugoSafeHtml('<style>a{color:red}b{{<x>}}</style><p>{</p>');
  assert.equal(out, '<style>a{color:red}b{ {<x>}}</style><p>&#123;</p>');
  assert.ok(!out.includes('{{'));
});

test('a body without braces is returned as is', () => {
  const html = '<p>plain &amp; simple</p>';
  assert.equal(hugoSafeHtml(html), html);
});
