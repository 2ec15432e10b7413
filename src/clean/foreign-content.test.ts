import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DefaultTreeAdapterMap, parseFragment, serialize } from 'parse5';
import { sanitizeHtml } from './clean-item.ts';
import { DEFAULT_POLICY } from './sanitize-policy.ts';

// Foreign content (svg, math) as browsers read it (HTML §13.2.6.5): the HTML that follows a
// breakout start tag, an integration point or an unclosed foreign element must come out with the
// text a browser shows, and nothing that runs script.

const BASES = ['https://news.example.com/a/b/post.html'];
const clean = (html: string, remove?: string[]) =>
  sanitizeHtml(html, remove ? { bases: BASES, remove } : { bases: BASES }).html;

type Node = {
  nodeName: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
};

/** A `<div>`, the context a post body is read in. */
const CONTEXT = parseFragment('<div></div>').childNodes[0] as DefaultTreeAdapterMap['element'];

/** A browser's tree of `html` (parse5 in a `<div>`, scripting on). */
const browserTree = (html: string) => parseFragment(CONTEXT, html, {}) as unknown as Node;

/**
 * The text a browser shows of `html` once the policy has removed what it removes with its
 * content (svg and math among them), whitespace runs folded.
 */
function shownText(html: string): string {
  const visit = (node: Node): string => {
    if (node.nodeName === '#text') return node.value ?? '';
    if (node.nodeName.startsWith('#') && node.nodeName !== '#document-fragment') return '';
    if (DEFAULT_POLICY.dropWithContent.has(node.nodeName) || node.nodeName === 'iframe') return '';
    return (node.childNodes ?? []).map(visit).join('');
  };
  return visit(browserTree(html)).replace(/\s+/g, ' ').trim();
}

/** What a browser would run or load from `html`: handlers, script, script URLs, raw styles. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (!node.nodeName.startsWith('#') && !DEFAULT_POLICY.elements.has(node.nodeName))
      found.push(`element ${node.nodeName}`);
    for (const { name, value } of node.attrs ?? []) {
      if (/^on/i.test(name) || name === 'srcdoc') found.push(`attribute ${name}`);
      if (/^\s*(?:javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, '')))
        found.push(`url ${value}`);
      if (name === 'style' && /url\(|expression|behavior|binding/i.test(value)) found.push(`style ${value}`);
    }
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(browserTree(html));
  return found;
}

/** Each case: the input, and the text a browser shows of it (checked against parse5 too). */
const CASES: Array<[string, string]> = [
  ['<p>a<svg/onload=alert(1)><p>kept text</p>', 'akept text'],
  ['<svg><p>kept</p>', 'kept'],
  ['<math><mi><b>x</b></mi></math>after', 'after'],
  ['<svg><foreignObject><p>in</p></foreignObject></svg>after', 'after'],
  ['<svg><desc><b>d</b></desc></svg>', ''],
  ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
  ['<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">', '">'],
  ['<svg><style><img src=x onerror=alert(1)></style></svg>', ''],
  ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '">'],
  ['<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', ''],
  // Every breakout start tag, `<font>` with color/face/size, and the `</p>`, `</br>` end tags.
  ['<svg><circle><b>b</b><i>i</i><span>s</span><div>d</div>', 'bisd'],
  ['<svg><g><font color=red>red</font></g>', 'red'],
  ['<svg><font x=1>gone</font></svg>kept', 'kept'],
  ['<p>a<svg></p>b', 'ab'],
  ['<svg></br>after', 'after'],
  ['<math><mi>in</mi><ul><li>item</ul>', 'item'],
  ['<svg><img src=x onerror=alert(1)>after', 'after'],
  ['<svg><h1>t</h1><table><tr><td>c</td></tr></table>', 'tc'],
  // Foreign content is parsed as markup: no raw text inside svg and math, `/>` closes.
  ['<svg><title><b>t</b></title></svg>after', 'after'],
  ['<svg><script>alert(1)</script></svg><p>p</p>', 'p'],
  ['<svg><textarea></svg><b>b</b></textarea>', 'b'],
  ['<svg><xmp></svg>x</xmp>', 'x'],
  ['<svg><g/>in svg</svg>out', 'out'],
  ['<svg><input>in svg</svg>out', 'out'],
  // CDATA is text in foreign content, a bogus comment (to the first `>`) in HTML.
  ['<svg><![CDATA[</svg><p>hidden]]></svg>after', 'after'],
  ['<p><![CDATA[a>b]]>c</p>', 'b]]>c'],
  ['<div><![CDATA[<img src=x onerror=alert(1)>]]></div>', ']]>'],
  // Integration points: HTML inside, but end tags do not reach past them.
  ['<svg><desc><b></svg>hidden', ''],
  ['<math><annotation-xml encoding="text/html"><p>x</p></annotation-xml></math>y', 'y'],
  ['<math><annotation-xml><p>x</p></annotation-xml></math>y', 'xy'],
  ['<math><svg><foreignObject><p>x</p></foreignObject></svg></math>y', 'xy'],
  ['<math><mi><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mi></math>z', 'z'],
  // An end tag without rules of its own stops at a special element (HTML §13.2.6.4.7).
  ['<mi><ul><svg></mi>hidden', ''],
  ['<g><p><math></g>hidden', ''],
  // Head, body and html start tags are ignored in a body, by breakout or not.
  ['<svg><head><p>h</p>', 'h'],
  ['<p>a<body>b</p>', 'ab'],
  ['<div><form></div><form>x', 'x'],
];

test('the text after unclosed or broken-out svg and math is kept as browsers show it', () => {
  const lost: string[] = [];
  for (const [html, text] of CASES) {
    // The expectation is what a browser shows (the check of the expectation itself).
    assert.equal(shownText(html), text, `expected text of ${html}`);
    const output = clean(html);
    if (shownText(output) !== text)
      lost.push(`${html}\n  → ${output}\n  shows "${shownText(output)}", not "${text}"`);
  }
  assert.deepEqual(lost, []);
});

test('foreign content lets no handler, script, script URL or raw style through', () => {
  for (const [html] of CASES) {
    const output = clean(html);
    assert.deepEqual(dangers(output), [], `${html}\n→ ${output}`);
    assert.doesNotMatch(output, /<script|<style|<svg|<math|[\s"']on[a-z]+\s*=|javascript:/i, html);
    // Sanitizing twice changes nothing, and a browser reads the output as written.
    assert.equal(clean(output), output, `not idempotent: ${html}`);
    assert.equal(
      clean(serialize(browserTree(output) as never)),
      output,
      `browser reads another tree: ${html}`,
    );
    // The tree path (remove rules) reads foreign content the same way.
    assert.equal(clean(html, ['.none']), output, `paths differ: ${html}`);
  }
});

test('svg and math are never written, whatever the policy allows: their markup is not HTML', () => {
  // A policy that allows them must still not get raw text into a foreign `<style>`.
  const without = (names: ReadonlySet<string>) => new Set([...names].filter((name) => name !== 'svg'));
  const policy = {
    ...DEFAULT_POLICY,
    elements: new Set([...DEFAULT_POLICY.elements, 'svg', 'style']),
    dropWithContent: without(DEFAULT_POLICY.dropWithContent),
  };
  const html = '<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg><style>p { color: red }</style>';
  const output = sanitizeHtml(html, { policy, keepStyle: true }).html;
  assert.equal(output.match(/<style>/g)?.length, 1, output);
  assert.doesNotMatch(output, /onerror|<img|<svg/, output);
  assert.deepEqual(dangers(output.replace(/<style>.*?<\/style>/, '')), []);
});
