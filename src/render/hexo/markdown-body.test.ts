import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownBody } from './markdown-body.ts';

test('Markdown bodies keep text as text: no raw tags, no raw braces', () => {
  const markdown = markdownBody(
    '<p>&lt;script&gt;x&lt;/script&gt; &amp; &#123;&#123; y &#125;&#125; *z*</p>',
  );
  assert.equal(markdown, '&lt;script&gt;x&lt;/script&gt; &amp; &#123;&#123; y &#125;&#125; \\*z\\*');
});

test('media and a kept style stay HTML', () => {
  const markdown = markdownBody(
    '<style>.a { color: red; }</style><p><strong>b</strong></p><img src="https://x.example/a.jpg" alt="&#123;x&#125;" referrerpolicy="no-referrer">',
  );
  assert.match(markdown, /<style>\.a \{ color: red; \}<\/style>/);
  assert.match(markdown, /\*\*b\*\*/);
  assert.match(
    markdown,
    /<img src="https:\/\/x\.example\/a\.jpg" alt="&#123;x&#125;" referrerpolicy="no-referrer">/,
  );
});
