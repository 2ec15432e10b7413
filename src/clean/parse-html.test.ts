import assert from 'node:assert/strict';
import { test } from 'node:test';
import render from 'dom-serializer';
import { type ChildNode, isTag } from 'domhandler';
import { type DefaultTreeAdapterMap, parseFragment, serialize } from 'parse5';
import { MAX_NODES, parseHtml } from './parse-html.ts';

const CONTEXT = parseFragment('<div></div>').childNodes[0] as DefaultTreeAdapterMap['element'];
/** parse5's reading of `html` in a `<div>`, serialized. */
const browser = (html: string) => serialize(parseFragment(CONTEXT, html, {}));
const ours = (html: string) =>
  render(parseHtml(html), { encodeEntities: 'utf8', emptyAttrs: true, selfClosingTags: false });

test('the tree is the one a browser builds, for the rules the clean stage relies on', () => {
  for (const html of [
    '<p>a<p>b<div>c</div>',
    '<ul><li>a<li>b</ul>',
    '<pre>\nx</pre>',
    '<pre>\n\nx</pre>',
    '<pre><!--c-->\nx</pre>',
    '<pre><b>\nx</b></pre>',
    '<svg><p>out</p></svg>',
    '<math><mi><b>x</b></mi></math>',
    '<noscript><p>raw</p></noscript>',
    '<form><form><p>in</p></form>',
  ]) {
    // parse5 serializes elements, text and comments as dom-serializer does.
    assert.equal(ours(html), browser(html), html);
  }
});

test('only the wanted attributes are read when the caller says which', () => {
  const root = parseHtml('<p class="a" onclick="x" id="i">t</p><img src="s" alt="a">', {
    wantedAttributes: (name) => (name === 'p' ? new Set(['class', 'id']) : null),
  });
  const [p, img] = root.children.filter(isTag);
  assert.deepEqual(p?.attribs, { class: 'a', id: 'i' });
  assert.deepEqual(img?.attribs, {});
  assert.deepEqual(parseHtml('<p class="a" onclick="x">').children.filter(isTag)[0]?.attribs, {
    class: 'a',
    onclick: 'x',
  });
});

test('a hostile body is cut after MAX_NODES nodes: what comes before stays, balanced', () => {
  const root = parseHtml(`<p>first</p><div>${'<b>a</b>'.repeat(MAX_NODES)}</div><p>last</p>`);
  let count = 0;
  const visit = (nodes: readonly ChildNode[]): void => {
    for (const node of nodes) {
      count++;
      if (isTag(node)) visit(node.children);
    }
  };
  visit(root.children);
  assert.ok(count <= MAX_NODES, `${count} nodes`);
  const [first, div, last] = root.children.filter(isTag);
  assert.equal(render(first!), '<p>first</p>');
  assert.equal(div?.name, 'div');
  assert.equal(last, undefined);
});
