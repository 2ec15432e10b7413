/**
 * Hostile and odd feed items for the Hexo build matrix. `text` is what a reader must see in the
 * post body (whitespace folded); `title` is the page title Hexo must show (plain text).
 */
export interface HostileItem {
  id: string;
  /** The feed's title text (JSON Feed `title`). */
  feedTitle: string;
  /** The title the page shows. */
  title: string;
  html: string;
  text: string;
}

/**
 * The items as a JSON Feed 1.1 document (one item a minute from 2024-01-02 03:00 UTC, in order),
 * the feed both build matrices write into their sites.
 */
export function hostileJsonFeed(items: readonly HostileItem[]): string {
  const start = Date.UTC(2024, 0, 2, 3, 0, 0);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Hostile matrix',
    home_page_url: 'https://example.com/',
    feed_url: 'https://example.com/feed.json',
    items: items.map((hostile, index) => ({
      id: `urn:matrix:${hostile.id}`,
      url: `https://example.com/posts/${hostile.id}`,
      title: hostile.feedTitle,
      content_html: hostile.html,
      date_published: new Date(start + index * 60_000).toISOString(),
    })),
  });
}

const item = (
  id: string,
  html: string,
  text: string,
  feedTitle = `Item ${id}`,
  title = feedTitle,
): HostileItem => ({
  id,
  feedTitle,
  title,
  html,
  text,
});

export const HOSTILE_ITEMS: readonly HostileItem[] = [
  // XSS vectors
  item('script', '<p>before</p><script>alert(1)</script><p>after</p>', 'before after'),
  item('onerror', '<p>pic <img src="x.jpg" onerror="alert(1)" ONLOAD=alert(2)> end</p>', 'pic end'),
  item(
    'svg',
    '<p>a</p><svg onload=alert(1)><script>alert(1)</script><text>svg text</text></svg><p>b</p>',
    'a b',
  ),
  item(
    'mathml',
    '<p>m</p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><p>n</p>',
    'm n',
  ),
  item('js-url', '<a href="javascript:alert(1)">one</a> <a href="JaVaScRiPt:alert(1)">two</a>', 'one two'),
  item(
    'entity-scheme',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a> <a href="&#x6A;avascript&colon;alert(1)">b</a> <a href="jav&#x09;ascript:alert(1)">c</a>',
    'a b c',
  ),
  item(
    'vbscript-data',
    '<a href="vbscript:msgbox(1)">v</a> <a href="data:text/html,<script>alert(1)</script>">d</a>',
    'v d',
  ),
  item(
    'iframe-srcdoc',
    '<p>x</p><iframe srcdoc="<script>alert(1)</script>"></iframe><iframe src="https://evil.example/"></iframe>',
    'x',
  ),
  // With scripting on, browsers read noscript as raw text to the first </noscript>: `">` is text they show.
  item(
    'noscript-mxss',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>ok</p>',
    '"> ok',
  ),
  // The style element ends at the first </style>, for browsers too: `">` is text they show.
  item('style-mxss', '<style><img title="</style><img src=x onerror=alert(1)>"></style><p>ok</p>', '"> ok'),
  item('comment-trick', '<p>c</p><!--><img src=x onerror=alert(1)>--><p>d</p>', 'c --> d'),
  item(
    'forms-objects',
    '<form action="https://evil.example"><input value="in"><button>btn</button></form><object data="x.swf">obj</object><embed src="y.swf"><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><link rel="stylesheet" href="x.css"><p>kept</p>',
    'obj kept',
  ),
  item(
    'style-attr',
    '<p style="color:red;background:url(javascript:alert(1));width:expression(alert(1));position:fixed">styled</p>',
    'styled',
  ),
  item(
    'target-top',
    '<a href="https://ok.example/" target="_top">top</a> <a href="/rel" target="_blank">blank</a>',
    'top blank',
  ),
  // `</p>` breaks out of svg, so the style is HTML's and ends at </style>: `">` is text browsers show.
  item('svg-p-breakout', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">', '">'),
  item(
    'entity-text',
    '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;</p>',
    '<script>alert(1)</script> &amp;',
  ),
  // Nunjucks forms
  item('endraw', '<p>{% endraw %} breaks Hexo</p>', '{% endraw %} breaks Hexo'),
  item('raw', '<p>{% raw %}never closed</p>', '{% raw %}never closed'),
  item('mustache', '<p>Hello {{ name }} and {{page.title}}</p>', 'Hello {{ name }} and {{page.title}}'),
  item('nunjucks-comment', '<p>a {# not shown? #} b</p>', 'a {# not shown? #} b'),
  item(
    'post-link',
    '<p>{% post_link hello-world %} and {% asset_img x.png %}</p>',
    '{% post_link hello-world %} and {% asset_img x.png %}',
  ),
  item('split-tag', '<p>{<b>%</b> raw %} and {<i>{</i> x }}</p>', '{% raw %} and {{ x }}'),
  item('brace-attr', '<p title="{{ x }}" class="{% raw %}">attr braces</p>', 'attr braces'),
  // Markdown triggers
  item('emphasis', '<p>*x* _y_ **z** __w__ ~~s~~</p>', '*x* _y_ **z** __w__ ~~s~~'),
  item(
    'md-syntax',
    '<p># heading</p><p>- list\n+ item\n1. one</p><p>[link](https://x.example) ![img](y.png) > quote</p>',
    '# heading - list + item 1. one [link](https://x.example) ![img](y.png) > quote',
  ),
  item('fence', '<p>```js\nalert(1)\n```</p>', '```js alert(1) ```'),
  item('tilde-fence', '<div>~~~\ncode\n~~~</div>', '~~~ code ~~~'),
  item(
    'indented',
    '<p>para</p>\n\n    indented code\n\n\t\ttabbed\n\n<p>end</p>',
    'para indented code tabbed end',
  ),
  item(
    'pre-blank-lines',
    '<pre><code>line1\n\n    line3 {{ x }}\n\n\n`tick`</code></pre>',
    'line1 line3 {{ x }} `tick`',
  ),
  item(
    'plain-text',
    'Just *text* with\n\nparagraphs and <3 hearts & ampersands',
    'Just *text* with paragraphs and <3 hearts & ampersands',
  ),
  item('front-matter-lookalike', '<p>a</p>\n---\ntitle: evil\n---\n<p>b</p>', 'a --- title: evil --- b'),
  item('more-comment', '<p>first</p><!-- more --><p>second</p><!--more-->', 'first second'),
  item('line-endings', '<p>cr\rlf\r\ncrlf\n\r  x</p>', 'cr lf crlf x'),
  item(
    'table-pipes',
    '<table><tr><td>a|b</td><td>c</td></tr></table><p>| x | y |\n|---|---|</p>',
    'a|b c | x | y | |---|---|',
  ),
  // Markdown bodies (body: markdown): a link title, a code block's language or its content
  // must not end the Markdown construct it is written in and leave raw HTML at a line start.
  item(
    'md-link-title',
    '<p>see <a href="https://example.com/x" title="a&#10;<script>alert(1)</script>">link</a> end</p>',
    'see link end',
  ),
  item(
    'md-code-language',
    '<pre><code class="language-x`y">&lt;script&gt;alert(2)&lt;/script&gt;</code></pre>',
    '<script>alert(2)</script>',
  ),
  item(
    'md-fence-indented',
    '<pre><code>a\n   ```\n&lt;script&gt;alert(3)&lt;/script&gt;</code></pre>',
    'a ``` <script>alert(3)</script>',
  ),
  item(
    'md-fence-quoted',
    '<pre><code>a\n&gt; ```\n&lt;script&gt;alert(4)&lt;/script&gt;</code></pre>',
    'a > ``` <script>alert(4)</script>',
  ),
  item(
    'md-inline-fence',
    '<p><code>` ``</code> x</p><pre><code>&lt;script&gt;alert(5)&lt;/script&gt;</code></pre>',
    '` `` x <script>alert(5)</script>',
  ),
  item('dollar-math', '<p>$$ x^2 $$ and $y$ and \\(z\\)</p>', '$$ x^2 $$ and $y$ and \\(z\\)'),
  // Titles
  item('title-yes', '<p>t1</p>', 't1', 'yes'),
  item('title-null', '<p>t2</p>', 't2', 'null'),
  item('title-date', '<p>t3</p>', 't3', '2021-12-16'),
  item('title-hex', '<p>t4</p>', 't4', '0x1F'),
  item('title-tilde', '<p>t5</p>', 't5', '~'),
  // Quotes are typographic in titles: a theme may print the title inside an attribute value.
  item(
    'title-quotes',
    '<p>t6</p>',
    't6',
    `He said "it's" fine: 'ok'`,
    'He said \u201cit\u2019s\u201d fine: \u2018ok\u2019',
  ),
  item(
    'title-attribute',
    '<p>t10</p>',
    't10',
    `x" onmouseover="alert(1)" y=' z`,
    'x\u201d onmouseover=\u201dalert(1)\u201d y=\u2019 z',
  ),
  item('title-newlines', '<p>t7</p>', 't7', 'Line one\nLine two\r\n\tthree', 'Line one Line two three'),
  item('title-emoji', '<p>t8</p>', 't8', '🚀 Launch 🎉 day'),
  item('title-braces', '<p>t9</p>', 't9', '{{ title }} {% raw %}'),
  // JSON Feed titles are plain text (JSON Feed 1.1): markup and entities are shown as written.
  item(
    'title-markup',
    '<p>t10</p>',
    't10',
    '<b>Bold</b> &amp; title',
    '\uff1cb\uff1eBold\uff1c/b\uff1e &amp; title',
  ),
  // Paths
  item('title-traversal', '<p>p1</p>', 'p1', '../../../etc/passwd'),
  item('title-con', '<p>p2</p>', 'p2', 'CON'),
  item('title-hidden', '<p>p3</p>', 'p3', '.hidden'),
  item('title-underscore', '<p>p4</p>', 'p4', '_draft'),
  // Angle brackets are written full-width: themes print titles unescaped.
  item('title-windows', '<p>p5</p>', 'p5', 'a:b*c?d"e<1>g|h\\i', 'a:b*c?d\u201de\uff1c1\uff1eg|h\\i'),
  item('title-bidi', '<p>p6</p>', 'p6', 'abc\u202edef\u200bghi', 'abcdefghi'),
  item('title-long', '<p>p7</p>', 'p7', '长'.repeat(150)),
  item('title-trailing', '<p>p8</p>', 'p8', 'ends with dots... ~ %'),
  item('dup-1', '<p>first duplicate</p>', 'first duplicate', 'Duplicate title'),
  item('dup-2', '<p>second duplicate</p>', 'second duplicate', 'Duplicate title'),
  item('case-1', '<p>upper</p>', 'upper', 'Case Title'),
  item('case-2', '<p>lower</p>', 'lower', 'case title'),
  // Unicode and images
  item(
    'unicode-body',
    '<p>RTL \u202eevil\u202c zero\u200bwidth ＣＪＫ　全角，标点。</p>',
    'RTL \u202eevil\u202c zero\u200bwidth ＣＪＫ　全角，标点。',
  ),
  item('empty-body', '', ''),
  item(
    'images',
    '<p>img</p><img src="https://feeds.feedburner.com/~r/x/~4/y" width="1" height="1"><img data-src="//cdn.example/real.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="/rel.png" srcset="a.png 1x, javascript:alert(1) 2x">',
    'img',
  ),
];
