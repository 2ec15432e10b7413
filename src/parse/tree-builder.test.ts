import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildXmlTree, elementsOf, textOf, type XmlElement } from './xml-tree.ts';

const rss = (items: string): string =>
  `<rss version="2.0"><channel><title>t</title>${items}<item><title>after</title></item></channel></rss>`;

function items(root: XmlElement): XmlElement[] {
  const channel = elementsOf(elementsOf(root)[0]!)[0]!;
  return elementsOf(channel).filter((element) => element.local === 'item');
}

function depthOf(element: XmlElement): number {
  let depth = 0;
  for (let node: XmlElement | undefined = element; node; node = elementsOf(node)[0]) depth++;
  return depth;
}

test('100,000 balanced levels are flattened below the limit, with their text, and reading goes on', () => {
  const levels = 100_000;
  const { root, diagnostics } = buildXmlTree(
    rss(
      `<item><description>${'<a><b>'.repeat(levels / 2)}deep text${'</b></a>'.repeat(levels / 2)}</description></item>`,
    ),
  );
  const [deep, after] = items(root);
  assert.equal(textOf(deep!), 'deep text');
  assert.ok(depthOf(root) <= 130, `tree depth ${depthOf(root)}`);
  assert.equal(textOf(after!), 'after');
  assert.deepEqual(
    diagnostics.map((diagnostic) => diagnostic.code),
    ['too-deep'],
  );
});

test('100,000 unclosed levels end at the closing tag of a kept element', () => {
  const { root, diagnostics } = buildXmlTree(
    rss(`<item><description><p>${'x<br>'.repeat(100_000)}end</p></description><link>l</link></item>`),
  );
  const [deep, after] = items(root);
  const description = elementsOf(deep!)[0]!;
  assert.equal(textOf(description), `${'x'.repeat(100_000)}end`);
  assert.equal(
    textOf(elementsOf(deep!)[1]!),
    'l',
    'the element after the deep one is a sibling, not swallowed',
  );
  assert.equal(textOf(after!), 'after');
  assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'too-deep'));
});

test('a closing tag below the limit closes the innermost skipped element of that name', () => {
  const deep = `${'<d>'.repeat(200)}<s>one</s><s>two</s>${'</d>'.repeat(200)}`;
  const { root } = buildXmlTree(rss(`<item><description>${deep}</description><title>kept</title></item>`));
  const [item, after] = items(root);
  assert.deepEqual(
    elementsOf(item!).map((element) => element.local),
    ['description', 'title'],
  );
  assert.equal(textOf(elementsOf(item!)[1]!), 'kept');
  assert.equal(textOf(after!), 'after');
});

test('a million distinct names below the limit are not all remembered, and reading goes on', () => {
  let deep = '';
  for (let index = 0; index < 1_000_000; index++) deep += `<e${index}>`;
  const { root } = buildXmlTree(rss(`<item><description>${deep}text</description><link>l</link></item>`));
  const [item, after] = items(root);
  assert.equal(textOf(elementsOf(item!)[0]!), 'text');
  assert.equal(textOf(elementsOf(item!)[1]!), 'l');
  assert.equal(textOf(after!), 'after');
});

test('a closing tag cut off after its name is cut off, with or without a space before the end', () => {
  const whole = '<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel>';
  for (const cut of ['</rss', '</rss\n', '</rss \t', '</channel>\n</rss\r\n']) {
    const text = cut.startsWith('</channel>') ? whole.replace('</channel>', '') + cut : whole + cut;
    const { diagnostics } = buildXmlTree(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.code),
      ['truncated'],
      JSON.stringify(cut),
    );
  }
  // A space inside a closing tag that does end is fine, and so is a comment after the root.
  for (const end of ['</rss >', '</rss\n>', '</rss>\n<!-- generated -->\n']) {
    assert.deepEqual(buildXmlTree(whole + end).diagnostics, [], JSON.stringify(end));
  }
  // An item whose own closing tag is cut is dropped as any cut-off item is.
  const { root } = buildXmlTree(`${whole.replace('</item></channel>', '')}</item\n`);
  assert.equal(items(root).length, 0);
});

test('namespace declarations on many elements under many declared prefixes stay linear', () => {
  // Each element declaring a prefix used to copy all the prefixes in scope: 20,000 × 20,000.
  const prefixes = Array.from({ length: 20_000 }, (_, index) => `xmlns:p${index}="urn:p:${index}"`);
  const record = '<item xmlns:q="urn:q"><q:x>v</q:x><p7:y>w</p7:y></item>';
  const started = performance.now();
  const { root } = buildXmlTree(
    `<rss ${prefixes.join(' ')} version="2.0"><channel>${record.repeat(20_000)}</channel></rss>`,
  );
  const elapsed = performance.now() - started;
  const [first] = items(root);
  assert.deepEqual(
    elementsOf(first!).map((element) => [element.ns, element.local]),
    [
      ['urn:q', 'x'],
      ['urn:p:7', 'y'],
    ],
  );
  assert.equal(items(root).length, 20_000);
  assert.ok(elapsed < 5_000, `${Math.round(elapsed)} ms`);
});

test('a prefix declared again inside an element holds there only', () => {
  const { root } = buildXmlTree(
    rss('<item xmlns:a="urn:one"><a:x/><b xmlns:a="urn:two"><a:y/></b><a:z/></item><item><a:w/></item>'),
  );
  const [inner, outer] = items(root);
  const names = (element: XmlElement): string[] =>
    elementsOf(element).flatMap((child) => [`${child.ns} ${child.local}`, ...names(child)]);
  assert.deepEqual(names(inner!), ['urn:one x', ' b', 'urn:two y', 'urn:one z']);
  assert.deepEqual(names(outer!), ['urn:undeclared:a w']);
});
