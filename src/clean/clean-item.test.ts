import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parser } from 'htmlparser2';
import { parseFragment, serialize } from 'parse5';
import type { Item } from '../model.ts';
import { cleanItem, sanitizeHtml } from './clean-item.ts';
import { DEFAULT_POLICY } from './sanitize-policy.ts';

const BASES = ['https://news.example.com/a/b/post.html', 'https://feeds.example.com/feed.xml'];
const clean = (html: string, extra: Parameters<typeof sanitizeHtml>[1] = {}) =>
  sanitizeHtml(html, { bases: BASES, ...extra }).html;

// XSS and mXSS vectors: raw-text tricks (noscript, style, title, textarea, xmp, noembed,
// iframe, noframes), comment tricks, foreign content (svg, math), obfuscated schemes.
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src=x OnErRoR=alert(1)>',
  '<img src=x onerror\n=alert(1)>',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JaVaScRiPt:alert(1)">a</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">a</a>',
  '<a href="jav&#x09;ascript:alert(1)">a</a>',
  '<a href="jav\tascript:alert(1)">a</a>',
  '<a href=" &#14; javascript:alert(1)">a</a>',
  '<a href="vbscript:msgbox(1)">a</a>',
  '<a href="file:///etc/passwd">a</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">x</math>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
  '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
  '<xmp><img title="</xmp><img src=x onerror=alert(1)>"></xmp>',
  '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
  '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
  '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
  '<style><img title="</style><img src=x onerror=alert(1)>"></style>',
  '<!--><img src=x onerror=alert(1)>-->',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<p title="</p><script>alert(1)</script>">x</p>',
  '<object data="javascript:alert(1)"></object><embed src="x.swf"><applet code=x></applet>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/"><link rel=stylesheet href=x>',
  '<form action="https://evil.example"><input name=x><button formaction="javascript:alert(1)">b</button></form>',
  '<frameset><frame src="javascript:alert(1)"></frameset>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<div style="behavior: url(x.htc); -moz-binding: url(x.xml#y)">x</div>',
  '<div style="position: fixed; top: 0">x</div>',
  '<div style="color: re\\64 ; background: u\\72l(x)">x</div>',
  '<a href="https://ok.example" target="_top">x</a>',
  '<img src="https://img.example/a.jpg" srcset="javascript:alert(1) 1x, https://img.example/b.jpg 2x">',
  '<video poster="javascript:alert(1)" src="https://v.example/a.mp4"></video>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">a</a>',
  '<template><img src=x onerror=alert(1)></template>',
  '<table><td><select><option><style><img src=x onerror=alert(1)></style></option></select></td></table>',
  '<div id="x"><![CDATA[<img src=x onerror=alert(1)>]]></div>',
  '<<img src=x onerror=alert(1)//<',
  // Known sanitizer bypasses (namespace confusion, foster parenting, nested forms, backticks).
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<noscript><style></noscript><img src=x onerror=alert(1)>',
  '<svg><foreignobject><p><style><img src=x onerror=alert(1)></style></p></foreignobject></svg>',
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<div title="&#96;&#96;onerror=alert(1)">x</div>',
  '<table><a href="javascript:alert(1)">t</a><tr><td>c</td></tr></table>',
  '<a href="https://a.example/"><a href="javascript:alert(1)">nested</a></a>',
  '<select><template><style><img src=x onerror=alert(1)></style></template></select>',
  '<details open ontoggle=alert(1)><summary>s</summary>d</details>',
  '<marquee onstart=alert(1)>m</marquee><isindex action=javascript:alert(1) type=image>',
  '<a href="java&NewLine;script&colon;alert(1)">nl</a><a href="&#x2028;javascript:alert(1)">ls</a>',
  '<video><source src="javascript:alert(1)"><track src="javascript:alert(1)"></video>',
  '<a href="data:image/png;base64,iVBORw0KGgo=">data link</a>',
  '<img src="x" style="behavior:url(#default#time2)" onbegin=alert(1)>',
  '<!--[if gte IE 4]><script>alert(1)</script><![endif]-->',
  '<plaintext><img src=x onerror=alert(1)>',
];

const DANGEROUS_URL = /^\s*(?:javascript|vbscript|file|data(?!:image\/(?:png|gif|jpe?g|webp|avif)[;,]))\s*:/i;

/** Reads HTML as a browser does (parse5, in a <div> context) and lists what would be dangerous. */
function dangers(html: string): string[] {
  const found: string[] = [];
  type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[] };
  const visit = (node: Node) => {
    const name = node.nodeName;
    if (!name.startsWith('#')) {
      if (!DEFAULT_POLICY.elements.has(name)) found.push(`element ${name}`);
      for (const { name: attribute, value } of node.attrs ?? []) {
        if (/^on/i.test(attribute) || attribute === 'srcdoc') found.push(`attribute ${attribute}`);
        if (['href', 'src', 'poster', 'cite', 'action', 'formaction'].includes(attribute)) {
          if (DANGEROUS_URL.test(value.replace(/[\u0000-\u001f]/g, ''))) found.push(`url ${value}`);
        }
        if (attribute === 'srcset' && /javascript:/i.test(value)) found.push(`srcset ${value}`);
        if (attribute === 'target' && value !== '_blank' && value !== '_self') found.push(`target ${value}`);
        if (attribute === 'style' && /url\(|expression|behavior|binding|position/i.test(value))
          found.push(`style ${value}`);
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(parseFragment(html) as unknown as Node);
  return found;
}

test('every XSS/mXSS vector comes out harmless as a browser would parse it', () => {
  // The checker itself sees what it must (else this test could not fail).
  assert.ok(dangers('<img src=x onerror=alert(1)><a href=" java\tscript:x">a</a><svg></svg>').length >= 3);
  for (const vector of VECTORS) {
    const output = clean(vector);
    assert.deepEqual(dangers(output), [], `${vector}\n→ ${output}`);
    assert.doesNotMatch(output, /<script|[\s"']on[a-z]+\s*=|javascript:/i, vector);
  }
});

test('sanitizing twice changes nothing, and a browser re-serialization sanitizes to the same', () => {
  for (const vector of VECTORS) {
    const once = clean(vector);
    assert.equal(clean(once), once, `not idempotent: ${vector}`);
    // A browser's reading of the output (parse5), re-serialized and sanitized again, is harmless,
    // shows the same text and is a fixed point: no mutation (mXSS) turns it into markup.
    const serialized = serialize(parseFragment(once));
    assert.equal(serialize(parseFragment(serialized)), serialized, `browser parse unstable: ${vector}`);
    // What a browser reads, serialized and sanitized again, is the output itself.
    assert.equal(clean(serialized), once, `browser reads another tree: ${vector}`);
  }
});

test('the output is the same with selectors to match (every attribute read) as without', () => {
  const samples = [
    ...VECTORS,
    '<p>a<p>b<div>c</p><li>d<li>e</ul></br></p>x<table><tr><td>1<td>2<tr><td>3</table>',
    '<h1>a<h2>b</h1>c<dl><dt>t<dd>d<dt>u</dl><select><option>1<option>2</select>z',
    '<svg><circle/><p>in svg</p></svg>after<math><mi><b>x</b></mi></math>tail &amp; &nbsp;&lt; &#x1F600; &bogus;',
    '<form><form><p>in</p></form>out</form>after',
    '<image src="/i.png"><IMG SRC="/j.png" ALT=\'A\'><a href=/x title="a &quot; b">l</a><![CDATA[cd]]><?pi x?><!doctype html>',
  ];
  for (const html of samples) {
    assert.equal(clean(html, { remove: ['.no-such-class'] }), clean(html), html);
  }
});

test('allowed markup is kept with its text, attributes filtered', () => {
  assert.equal(
    clean('<p class="lead" onclick="x()">Hello <b>world</b> <font color=red>red</font></p>'),
    '<p>Hello <b>world</b> red</p>',
  );
  assert.equal(clean('<div style="color: red; position: fixed">x</div>'), '<div style="color: red">x</div>');
  assert.equal(
    clean('<a href="/x" target="_blank" rel="opener">x</a>'),
    '<a href="https://news.example.com/x" target="_blank" rel="noopener noreferrer">x</a>',
  );
  // Ids and names are namespaced so feed markup cannot clobber a theme's globals or ids.
  assert.equal(
    clean('<a href="#note-1">1</a><p id="note-1">n</p><a name="CONFIG">c</a>'),
    '<a href="#feedmill-note-1">1</a><p id="feedmill-note-1">n</p><a name="feedmill-CONFIG">c</a>',
  );
});

test('forms, objects and applets go, but what a browser shows of them stays', () => {
  // A plugin's fallback is what a browser shows in its place; its parameters and embeds go.
  assert.equal(
    clean(
      '<object data="x.swf"><param name="movie" value="x.swf"><embed src="x.swf">Get <b>Flash</b></object>',
    ),
    'Get <b>Flash</b>',
  );
  assert.equal(clean('<applet code="A.class">No Java</applet>'), 'No Java');
  // The controls go with their text; the form's other content stays, even when it is never closed.
  assert.equal(
    clean(
      '<form action="https://evil.example/"><input name="q"><button>Go</button><p>one</p></form><p>two</p>',
    ),
    '<p>one</p><p>two</p>',
  );
  assert.equal(clean('<p>a</p><form><p>b</p><p>c</p>'), '<p>a</p><p>b</p><p>c</p>');
});

test("a feed's classes go, so the theme's CSS cannot place its text; code languages stay", () => {
  // Bootstrap's fixed-top (Fluid), a modal, a utility class: position: fixed by another name.
  assert.equal(
    clean('<div class="fixed-top modal d-block">Log in again</div><p class="position-fixed">x</p>'),
    '<div>Log in again</div><p>x</p>',
  );
  assert.equal(
    clean('<pre><code class="hljs language-js lang-py language-c++ language-js">x</code></pre>'),
    '<pre><code class="language-js lang-py language-c++">x</code></pre>',
  );
  assert.equal(
    clean('<figure class="feedmill-audio x"><figcaption class="wp-caption">c</figcaption></figure>'),
    '<figure class="feedmill-audio"><figcaption>c</figcaption></figure>',
  );
  // Still read before they go: an emoji image is not the post's picture.
  const emoji = sanitizeHtml(
    '<img class="emoji" src="https://example.com/smile.png"><img src="/photo.jpg">',
    {
      bases: BASES,
    },
  );
  assert.deepEqual(emoji.images, ['https://news.example.com/photo.jpg']);
  assert.doesNotMatch(emoji.html, /class=/);
  // A trusted feed's own styles name its classes: with keep_style they stay.
  assert.equal(clean('<p class="lead note">x</p>', { keepStyle: true }), '<p class="lead note">x</p>');
});

test('the output is plain HTML: braces and line breaks as the source has them', () => {
  // Unless an output target's markup is given (Hexo's Nunjucks braces, one Markdown block).
  assert.equal(clean('<p title="{{ x }}">{{ y }}\n\n  `~</p>'), '<p title="{{ x }}">{{ y }}\n\n  `~</p>');
  assert.equal(clean('<pre>a\r\nb\rc</pre>\r\n'), '<pre>a\nb\nc</pre>\n');
});

test('comments are dropped by default; kept ones cannot close early', () => {
  assert.equal(clean('a<!-- secret -->b'), 'ab');
  const kept = clean('a<!-- x --!> {{ y }} -- z -->b', { keepComments: true });
  assert.equal(kept.match(/<!--/g)?.length, 1);
  assert.equal(kept.match(/-->/g)?.length, 1);
  assert.equal(kept, 'a<!-- x --> {{ y }} -- z --&gt;b');
  assert.equal(clean('<!--a-b!c\n  d-->', { keepComments: true }), '<!-- a b c d -->');
});

test('a kept comment keeps its raw text, the same however often it is cleaned', () => {
  // References are not decoded in a comment: `&amp;` there is five characters, not one.
  const once = clean('a<!-- x &amp; y < z > w & v\u0001 -->b', { keepComments: true });
  assert.equal(once, 'a<!-- x &amp; y < z > w & v -->b');
  assert.equal(clean(once, { keepComments: true }), once);
});

test('<style> is dropped by default and kept with real braces when enabled', () => {
  const html = '<style>\n.a { color: red; }\n</style><p class="a">x</p>';
  assert.equal(clean(html), '<p>x</p>');
  const kept = clean(html, { keepStyle: true });
  assert.equal(kept, html);
  assert.equal(clean(kept, { keepStyle: true }), kept);
  // Nothing in the CSS can end the element early.
  assert.equal(
    clean('<style>a{}</style-x><img src=x onerror=alert(1)></style>', { keepStyle: true }),
    '<style>a{}<\\/style-x><img src=x onerror=alert(1)></style>',
  );
});

test('remove rules drop elements by CSS selector (Sina QR box and editor line)', () => {
  const html =
    '<p>正文</p><div class="appendQr_wrap"><img src="https://n.sinaimg.cn/qr.png">扫码</div><p class="article-editor">责任编辑：张三</p>';
  assert.equal(clean(html, { remove: ['.appendQr_wrap', '.article-editor'] }), '<p>正文</p>');
});

test('iframes only from allowlisted hosts (none by default), https only', () => {
  const html = '<iframe src="https://www.youtube.com/embed/x" onload="x()"></iframe>';
  assert.equal(clean(html), '');
  assert.equal(
    clean(html, { iframeHosts: ['youtube.com'] }),
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
  );
  assert.equal(clean('<iframe src="https://evil.example/x"></iframe>', { iframeHosts: ['youtube.com'] }), '');
  assert.equal(
    clean('<iframe src="https://notyoutube.com/x"></iframe>', { iframeHosts: ['youtube.com'] }),
    '',
  );
});

test('CJK text stays UTF-8, not character references', () => {
  assert.equal(clean('<p>中文 &#20013;&#25991; 😀</p>'), '<p>中文 中文 😀</p>');
});

const item = (html: string, extra: Partial<Item> = {}): Item => ({
  key: 'k',
  url: 'https://news.example.com/a/b/post.html',
  title: 't',
  html,
  published: new Date(0),
  publishedKnown: true,
  authors: [],
  tags: [],
  ...extra,
});

test('the head image is the feed image, else the first meaningful image, else none', () => {
  const body =
    '<img src="https://stats.wordpress.com/b.gif?x=1"><img src="https://s.w.org/images/core/emoji/72x72/1f600.png" class="wp-smiley">' +
    '<img src="/icons/rss.png" width="16" height="16"><img src="https://x.example/avatar/me.jpg">' +
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-original="/photo.jpg"><img src="https://x.example/second.jpg">';
  const cleaned = cleanItem(item(body));
  assert.equal(cleaned.headImage, 'https://news.example.com/photo.jpg');
  assert.doesNotMatch(cleaned.body, /stats\.wordpress\.com/);
  // The feed's image for the item comes first (docs/media.md), unless it is a tracking pixel.
  assert.equal(
    cleanItem(item(body, { image: 'https://feed.example/thumb.jpg' })).headImage,
    'https://feed.example/thumb.jpg',
  );
  assert.equal(
    cleanItem(item(body, { image: 'https://stats.wordpress.com/b.gif' })).headImage,
    'https://news.example.com/photo.jpg',
  );
  assert.equal(
    cleanItem(item('<p>x</p>', { image: 'https://feed.example/thumb.jpg' })).headImage,
    'https://feed.example/thumb.jpg',
  );
  assert.equal(cleanItem(item('<p>x</p>')).headImage, undefined);
  assert.equal(cleanItem(item('<p>x</p>', { image: 'javascript:alert(1)' })).headImage, undefined);
  assert.equal(
    cleanItem(item('<img src="https://x.example/it\'s (1).jpg">')).headImage,
    'https://x.example/it%27s%20%281%29.jpg',
  );
});

test('the post image and link cannot end the attribute, url() or script themes print them into', () => {
  // A WHATWG URL keeps quotes and backticks in a host, and a quote in an http path.
  const head = cleanItem(
    item('<img src="http://a&quot;autofocus=&quot;&quot;onfocus=&quot;alert`1`&quot;x/y.jpg">'),
  ).headImage!;
  assert.doesNotMatch(head, /["'`()<> \\]/);
  assert.equal(head, 'http://a%22autofocus=%22%22onfocus=%22alert%601%60%22x/y.jpg');
  const linked = cleanItem(item('<p>x</p>', { url: "https://ok.example/x'onmouseover='alert(1)'" }));
  assert.equal(linked.url, 'https://ok.example/x%27onmouseover=%27alert%281%29%27');
});

test('an image with only a srcset gets its first candidate as src', () => {
  assert.match(
    cleanItem(item('<img srcset="a.jpg 1x, b.jpg 2x">')).body,
    /^<img src="https:\/\/news\.example\.com\/a\/b\/a\.jpg" srcset="https:\/\/news\.example\.com\/a\/b\/a\.jpg 1x, https:\/\/news\.example\.com\/a\/b\/b\.jpg 2x"/,
  );
});

test('relative URLs resolve against the item link, then the feed URL', () => {
  assert.match(cleanItem(item('<a href="c">x</a>')).body, /href="https:\/\/news\.example\.com\/a\/b\/c"/);
  const noLink = item('<a href="c">x</a>');
  delete noLink.url;
  assert.match(
    cleanItem(noLink, { feedUrl: 'https://feeds.example.com/rss/feed.xml' }).body,
    /href="https:\/\/feeds\.example\.com\/rss\/c"/,
  );
});

function visible(html: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext(data) {
        text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return text;
}

test('a line break right after <pre> is dropped as browsers drop it, and only there', () => {
  const textOf = (node: PreNode): string =>
    node.nodeName === 'script' ? '' : (node.value ?? (node.childNodes ?? []).map(textOf).join(''));
  // What a browser shows in the <pre>.
  const preText = (html: string) => {
    const fragment = parseFragment(html) as unknown as { childNodes: PreNode[] };
    const pre = fragment.childNodes.find((node) => node.nodeName === 'pre');
    return pre ? textOf(pre) : '';
  };
  for (const html of [
    '<pre>\nabc</pre>',
    '<pre>\n\nabc</pre>',
    '<pre><!--c-->\nabc</pre>',
    '<pre><script>x</script>\nabc</pre>',
    '<pre><span>a</span>\nb</pre>',
  ]) {
    const out = sanitizeHtml(html).html;
    assert.equal(preText(out), preText(html), `${html} → ${out}`);
    assert.equal(sanitizeHtml(out).html, out);
  }
});

type PreNode = { nodeName: string; value?: string; childNodes?: PreNode[] };

test('hostile nesting: at most 512 open elements, the text inside and after is kept', () => {
  const deep = '<div>'.repeat(600) + 'deep' + '</div>'.repeat(600) + '<p>after</p>';
  const output = clean(deep);
  assert.ok((output.match(/<div>/g)?.length ?? 0) <= 512, 'nesting capped');
  assert.equal(visible(output), 'deepafter');
  const svg = '<svg>' + '<g>'.repeat(600) + '</x>'.repeat(600) + '<p>kept</p>';
  assert.equal(clean(svg), '<p>kept</p>');
});
