import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFragment, serialize } from 'parse5';
import { type CleanOptions, sanitizeHtml } from '../../clean/index.ts';
import type { CleanItem, Subscription } from '../../model.ts';
import { HEXO_MARKUP } from './hexo-markup.ts';
import { renderPost } from './render-post.ts';

const BASES = ['https://news.example.com/a/b/post.html'];
const hexo = (html: string, options: CleanOptions = {}) =>
  sanitizeHtml(html, { bases: BASES, ...options, markup: HEXO_MARKUP }).html;

type Node = { nodeName: string; childNodes?: Node[] };

/** What a browser shows of `html`: comments left out, whitespace runs read as one space. */
function shown(html: string): string {
  const fragment = parseFragment(html);
  const strip = (node: Node): void => {
    if (!node.childNodes) return;
    node.childNodes = node.childNodes.filter((child) => child.nodeName !== '#comment');
    node.childNodes.forEach(strip);
  };
  strip(fragment as unknown as Node);
  return serialize(fragment).replace(/\s+/g, ' ').replace(/^ /, '');
}

test('braces, backticks and tildes become references in text and attributes, never raw', () => {
  const html = '<p title="{{ x }}">{% raw %}{{ y }}{# c #}`code` ~~~</p>';
  const plain = sanitizeHtml(html).html;
  assert.match(plain, /\{\{ y \}\}/, 'the clean stage writes plain HTML unless told a form');
  const output = hexo(html);
  assert.doesNotMatch(output, /[{}`~]/);
  assert.equal(
    output,
    '<p title="&#123;&#123; x &#125;&#125;">&#123;% raw %&#125;&#123;&#123; y &#125;&#125;&#123;# c #&#125;&#96;code&#96; &#126;&#126;&#126;</p>',
  );
  assert.equal(shown(output), shown(plain));
});

test('output is one Markdown HTML block: no blank, indented or fenced line', () => {
  const output = hexo(
    '<p>a</p>\n\n\n    <p>indented</p>\n```\nfence\n```\n<pre>  x\n\n    y</pre>\r\n\r\n  z\rw',
  );
  for (const line of output.split('\n')) {
    assert.notEqual(line.trim(), '', 'blank line');
    assert.doesNotMatch(line, /^[ \t]/, 'indented line');
  }
  assert.doesNotMatch(output, /\r/);
  assert.match(output, /<pre> {2}x&#10;&#10; {4}y<\/pre>/);
  assert.equal(hexo('\n   <p>a</p>'), '<p>a</p>', 'no leading whitespace');
});

test('a line break at the start of a <pre> stays after the element that protects it', () => {
  assert.equal(hexo('<pre>\n\nabc</pre>'), '<pre><span></span>&#10;abc</pre>');
});

test('kept comments hold no raw brace and still cannot close early', () => {
  const kept = hexo('a<!-- x --!> {{ y }} -- z -->b', { keepComments: true });
  assert.equal(kept.match(/<!--/g)?.length, 1);
  assert.equal(kept.match(/-->/g)?.length, 1);
  assert.doesNotMatch(kept, /[{}]/);
});

test('<style> kept with real braces on one line, without Nunjucks or closing sequences', () => {
  const html = '<style>\n.a { color: red; }\n</style><p class="a">x</p>';
  const kept = hexo(html, { keepStyle: true });
  assert.match(kept, /<style> ?\.a \{ color: red; \} ?<\/style>/);
  assert.equal(hexo(kept, { keepStyle: true }), kept, 'cleaning it again changes nothing');
  assert.equal(sanitizeHtml(kept, { keepStyle: true }).html, kept);
  assert.doesNotMatch(hexo('<style>a{{b}}</style>', { keepStyle: true }), /\{\{/);
  assert.doesNotMatch(hexo('<style>a{color:red}&lt;/style&gt;`~</style>', { keepStyle: true }), /[`~]/);
});

test('markup and text a browser reads are the same before and after', () => {
  const samples = [
    '<p class="x" title="a &quot; b &amp; c">1 &lt; 2 &amp;&amp; 3 &gt; 2 中文 &nbsp;</p>',
    '<table><tr><td>a</td></tr></table><ul><li>x<li>y</ul>',
    '<a href="/x?a=1&amp;b={2}">l</a><img src="/i.png" alt="`~">',
    '<pre>a\n  b\tc\r\nd</pre><p>\tindented\n\n  para</p>',
  ];
  for (const html of samples) {
    const plain = sanitizeHtml(html, { bases: BASES }).html;
    assert.equal(shown(hexo(html)), shown(plain), html);
  }
});

test('random markup: one block, no raw brace, backtick or tilde, read by browsers alike', () => {
  const fragments = [
    '<p>',
    '</p>',
    '<pre>',
    '</pre>',
    '<b>',
    '</b>',
    '<a href="/{x}">',
    '</a>',
    '<img alt="~`" src=i>',
    '<!-- {{ c }} -->',
    '<ul><li>',
    '<table><td>',
    '</table>',
    '{{',
    '}}',
    '{%',
    '`',
    '~~~',
    '\n',
    '\n\n    ',
    '\r\n',
    '\t',
    ' ',
    'text',
    '中文',
    '&amp;',
    '&lt;',
    '<br>',
    '<p title="a\nb\t{c}">',
  ];
  let state = 5;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  for (let round = 0; round < 300; round++) {
    let html = '';
    for (let index = 0; index < 5 + Math.floor(random() * 30); index++)
      html += fragments[Math.floor(random() * fragments.length)];
    const plain = sanitizeHtml(html, { bases: BASES, keepComments: true }).html;
    const output = hexo(html, { keepComments: true });
    assert.doesNotMatch(output, /[{}`~]/, html);
    for (const line of output.split('\n')) assert.match(line, /^(?:$|[^\s])/, `indented line: ${html}`);
    assert.doesNotMatch(output, /\n\s*\n/, `blank line: ${html}`);
    assert.equal(shown(output), shown(plain), html);
  }
});

test('a kept iframe is written empty', () => {
  assert.equal(
    hexo('<iframe src="https://www.youtube.com/embed/x">a &amp; <b>{x}</iframe>', {
      iframeHosts: ['youtube.com'],
    }),
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
  );
});

test('a Hexo post takes its body as cleaned for Hexo, and refuses a plain one', () => {
  const item = { key: 'k', title: 't', published: new Date(0), authors: [], tags: [] };
  const subscription = {
    name: 'f',
    source: 'https://f.example/rss',
    categories: [],
  } as unknown as Subscription;
  const body = hexo('<p>{{ x }}</p>');
  const post = renderPost({ ...item, body, markup: 'hexo' } as unknown as CleanItem, subscription, {});
  assert.ok(post.endsWith(`\n<div class="feedmill-post">${body}</div>\n`));
  assert.throws(
    () =>
      renderPost(
        { ...item, body: '<p>{{ x }}</p>', markup: 'html' } as unknown as CleanItem,
        subscription,
        {},
      ),
    /HEXO_MARKUP/,
  );
});
