import type { CleanOptions } from '../../src/clean/index.ts';

// Bodies that exercise how a cleaned body is escaped for an output target: markers of Nunjucks,
// Markdown and Hugo shortcodes wherever feed text lands, split across nodes and references, in
// raw text elements, comments, CDATA; entities, line breaks, CJK; tables, implied ends and
// reopened formatting elements; the attributes the images processor rewrites.

/** Clean options that change what reaches the serializer. */
export const CLEAN_OPTION_SETS: readonly CleanOptions[] = [
  {},
  { keepComments: true },
  { keepStyle: true },
  { keepStyle: true, keepComments: true, iframeHosts: ['youtube.com', 'example.com'] },
  // Selectors to match: the parser reads every attribute, not only the allowed ones.
  { remove: ['.gone'], keepComments: true },
];

export const TRICKY_BODIES: readonly string[] = [
  // Nunjucks, Markdown and Hexo tag markers in text and attributes.
  '<p>{{ x }} {% raw %}{{ y }}{% endraw %} {# c #} `code` ~~~ ```js</p>',
  '<p title="{{ x }}" class="{% y %}" id="{#z#}">a</p><a href="/x?a={1}&b=`2`~">l</a>',
  '<img src="/i.png" alt="`~{}" title="a\nb\tc\r\nd"><img src="data:image/png;base64,{}">',
  '{% include x %}<p>{{',
  '}}</p>{{<b></b>{ x }<i>}</i>}',
  // Markers split across nodes and references.
  '&#123;{ x }&#125;} &#x7b;% y %&#x7D; &lbrace;&lbrace; z &rbrace;&rbrace; {&#123;',
  '<p>{</p><p>{</p>{<!-- c -->{ x }<br>}',
  '<b>{</b>{<i>%</i> x %}',
  // Raw text and RCDATA elements, kept or not.
  '<script>{{ x }}</script><style>a{b:c}{{d}}{%e%}{#f#}`~</style><textarea>{{ t }}\n\n x</textarea>',
  '<title>{{ t }}</title><iframe src="https://www.youtube.com/embed/x">{{ i }} <b>b</b></iframe>',
  '<iframe src="https://evil.example/x">{{ i }}</iframe><noscript><p>{{ n }}</p></noscript>',
  '<xmp>{{ x }} <b></xmp><plaintext>{{ p }} </p>',
  '<listing>\n{{ l }}\n\n  x</listing><noembed>{{ e }}</noembed><noframes>{{ f }}</noframes>',
  '<template><p>{{ t }}</p></template><svg><style>{{ s }}</style><desc>{{ d }}</desc></svg>',
  '<math><mtext>{{ m }}</mtext><annotation-xml encoding="text/html">{{ a }}</annotation-xml></math>',
  '<style>\r\n.a {\r\n  color: red;\n}\n\n</style><p class="a">{x}</p><style></style><style>{</style>',
  '<style>a</style ><style>b{{</style><style>{c}</style ><p><style>x</p>{{</style>',
  '<style>a&lt;/style&gt;&amp;{{ x }}</style><style>a</b>c</style>',
  // Comments (kept with keep_comments), CDATA, declarations and processing instructions.
  'a<!-- {{ x }} `~ --!> {% y %} -- z -->b<!--->c<!-- \r\n d \n\n e -->',
  '<![CDATA[{{ c }}]]><!DOCTYPE html><?xml {{ x }} ?><p><![CDATA[ ]]> a </p>',
  '<!-- a --><p>x</p><!-- b --><pre>\n<!-- c -->\n</pre>',
  // Entities, whitespace, line breaks.
  '1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot; &apos; &nbsp; &amp;lt; &#0; &#x1; &#13;&#10; &bogus; &amp',
  '\n   <p>a</p>\n\n\n    <p>indented</p>\n```\nfence\n```\n<pre>  x\n\n    y</pre>\r\n\r\n  z\rw',
  '  \t\n leading space',
  '\u0001\u0002 control \u007f\u000b\f\r\n',
  '<pre>\n\nabc</pre><pre>\r\nx</pre><pre>\r\n</pre><pre><b>\n</b>\ny\r</pre>',
  '<pre>a\n  b\tc\r\nd {{ x }} `~</pre><p>\tindented\n\n  para</p>',
  // Tables, implied ends, reopened formatting elements.
  '<table>{{ a }}<tr>{{ b }}<td>{{ c }}</td></tr>x\n\n y</table>',
  '<table><td><pre>\n{{ x }}</pre></table><ul><li>{a}<li>{b}</ul>',
  '<b>{<p>x</b>}\n\n y</p><i><div>{{</i> z }}</div>',
  '<a href="/1">{<a href="/2">}</a></a><p><b><i>x<p>{{ y }}',
  '<p>a<pre>\n{</pre>b</p>',
  // CJK and other scripts.
  '<p>中文 {{ 变量 }} 「引用」 ～ 全角｛｝</p><p title="标题{x}">日本語 ` 한국어 ~</p>',
  '<p>emoji 😀 {{ x }} \ud83d\ude00 \ud800 lone</p>',
  // Images and media kept, with the attributes the images processor reads and rewrites.
  '<picture><source srcset="/a.webp?x={1} 1x, /b.webp 2x" type="image/webp"><img src="/a.jpg?{x}" srcset="/a.jpg 1x" alt="{a}"></picture>',
  '<video src="/v.mp4" poster="/p.jpg?x={y}" controls></video><audio src="/a.mp3"></audio>',
  '<img src="https://x.example/a.jpg?q=`1`&amp;r=~2" alt="a &lt; b" title="{{ t }}" width="1">',
  '<div class="gone">{{ removed }}</div><p class="kept">{{ kept }}</p>',
  '<p style="color: red; background: url({x})" align="center" dir="rtl" lang="zh">{y}</p>',
  // Hugo shortcodes.
  '<p title="{{< x >}}">a {{< y >}} {{% z %}} b}}</p><!-- {{< c >}} --><style>b{{<x>}}{{%y%}}</style>',
];

const FRAGMENTS = [
  '{{<',
  '{{%',
  '<p>',
  '</p>',
  '<pre>',
  '</pre>',
  '<b>',
  '</b>',
  '<i>',
  '</i>',
  '<a href="/{x}">',
  '</a>',
  '<img alt="~`" src=i>',
  '<img src="/a.jpg?{1}" srcset="/a.jpg 1x, /b{}.jpg 2x">',
  '<!-- {{ c }} -->',
  '<!--',
  '-->',
  '<ul><li>',
  '<table><td>',
  '<tr>',
  '</table>',
  '<style>',
  '</style>',
  '<script>',
  '</script>',
  '<textarea>',
  '</textarea>',
  '<iframe src="https://www.youtube.com/embed/x">',
  '</iframe>',
  '<noscript>',
  '</noscript>',
  '<xmp>',
  '<svg>',
  '</svg>',
  '<![CDATA[',
  ']]>',
  '{{',
  '}}',
  '{%',
  '%}',
  '{#',
  '#}',
  '{',
  '}',
  '&#123;',
  '&#125;',
  '&lbrace;',
  '`',
  '~~~',
  '\n',
  '\n\n    ',
  '\r\n',
  '\r',
  '\t',
  '\f',
  ' ',
  '\u0001',
  'text',
  '中文',
  '&amp;',
  '&lt;',
  '&nbsp;',
  '<br>',
  '<p title="a\nb\t{c}">',
  '<div class="gone">',
  '</div>',
  '"',
  '<',
  '>',
];

/** `count` bodies of seeded tag soup from the fragments above, the same on every run. */
export function tagSoup(count: number): string[] {
  let state = 11;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const bodies: string[] = [];
  for (let round = 0; round < count; round++) {
    let html = '';
    for (let index = 0; index < 3 + Math.floor(random() * 40); index++)
      html += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
    bodies.push(html);
  }
  return bodies;
}
