import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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

// The Markdown renderers of Hexo sites (hexo-renderer-marked's marked, hexo-renderer-markdown-it's).
const require = createRequire(import.meta.url);
const { marked } = createRequire(require.resolve('hexo-renderer-marked'))('marked') as {
  marked: { parse(markdown: string): string };
};
const MarkdownIt = createRequire(require.resolve('hexo-renderer-markdown-it'))(
  'markdown-it',
) as new (options: {
  html: boolean;
}) => { render(markdown: string): string };
const markdownIt = new MarkdownIt({ html: true });

/** The HTML each renderer makes of a body, with what ran or could run in it. */
function rendered(html: string): string[] {
  const markdown = markdownBody(html);
  return [marked.parse(markdown), markdownIt.render(markdown)];
}

const RUNS = /<script|<img[^>]*onerror|<div/i;

test('a link title stays inside the link: no line break, quotes and backslashes escaped', () => {
  const markdown = markdownBody(
    '<p>see <a href="https://a.example/x" title="a&#10;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; \\ &amp;amp; &#123;">link</a></p>',
  );
  assert.equal(
    markdown,
    'see [link](https://a.example/x "a <script>alert(1)</script> \\"q\\" \\\\ \\&amp; &#123;")',
  );
  for (const html of rendered(
    '<p><a href="https://a.example/" title="x&#10;&lt;div&gt;&#10;&lt;img src=x onerror=alert(1)&gt;">t</a></p>',
  ))
    assert.doesNotMatch(html.replace(/title="[^"]*"/, ''), RUNS, html);
});

test('a link destination keeps its backslashes and parentheses inside the link', () => {
  const markdown = markdownBody('<p><a href="https://a.example/p(1)?q=\\)[x](y)&amp;r={a}`">t</a></p>');
  assert.equal(markdown, '[t](https://a.example/p\\(1\\)?q=%5C\\)[x]\\(y\\)&r=%7Ba%7D%60)');
  for (const html of rendered('<p><a href="https://a.example/?q=\\)[x](https://b.example/)">t</a></p>'))
    assert.match(
      html,
      /<a href="https:\/\/a\.example\/\?q=%5C\)(?:\[|%5B)x(?:\]|%5D)\(https:\/\/b\.example\/\)">t<\/a>/,
    );
});

test('a code block keeps its code: a plain language, a fence longer than any backtick run', () => {
  assert.equal(
    markdownBody('<pre><code class="language-x`y">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'),
    '```\n<script>alert(1)</script>\n```',
  );
  assert.equal(
    markdownBody('<pre><code class="language-x&quot;onmouseover=&quot;alert(1)">x</code></pre>'),
    '```\nx\n```',
  );
  assert.equal(markdownBody('<pre><code class="lang language-c++">x</code></pre>'), '```c++\nx\n```');
  assert.equal(
    markdownBody('<pre><code>a\n   ```\n&gt; ```\n&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'),
    '````\na\n   ```\n> ```\n<script>alert(1)</script>\n````',
  );
  for (const html of rendered(
    '<pre><code class="language-x`y">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre><pre><code>a\n   ```\n&lt;script&gt;alert(2)&lt;/script&gt;</code></pre>',
  ))
    assert.doesNotMatch(html, RUNS, html);
});

test('inline code holding a backtick is HTML: no run of backticks starts a line', () => {
  assert.equal(
    markdownBody('<p><code>` ``&lt;b&gt;{</code> x</p>'),
    '<code>&#96; &#96;&#96;&lt;b&gt;&#123;</code> x',
  );
  assert.equal(markdownBody('<p><code>a &lt;b&gt;</code></p>'), '`a <b>`');
});

test('elements kept as HTML stay on one line', () => {
  const markdown = markdownBody(
    '<p>v <img src="https://a.example/v.png" alt="a&#10;&#10;b {{"> <sup title="c&#10;&#10;d">1</sup> w</p>',
  );
  assert.equal(
    markdown,
    'v <img src="https://a.example/v.png" alt="a&#10;&#10;b &#123;&#123;"> <sup title="c&#10;&#10;d">1</sup> w',
  );
});
