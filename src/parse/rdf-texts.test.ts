import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NS } from './namespaces.ts';
import { rdfTextsOf } from './rdf-texts.ts';
import { buildXmlTree, elementsOf } from './xml-tree.ts';

function itemOf(xml: string) {
  const { root } = buildXmlTree(
    `<item xmlns:rdf="${NS.rdf}" xmlns:dc="${NS.dc}">${xml}</item>`,
    undefined,
    () => false,
  );
  return elementsOf(root)[0]!;
}

test('each rdf:li of a Bag, Seq or Alt is a value of its own', () => {
  const item = itemOf(
    '<dc:subject><rdf:Bag><rdf:li>News</rdf:li><rdf:li>World</rdf:li></rdf:Bag></dc:subject>' +
      '<dc:subject>Sport</dc:subject>' +
      '<dc:creator><rdf:Seq> <rdf:li>Ann</rdf:li> <rdf:li>Bob</rdf:li> </rdf:Seq></dc:creator>' +
      '<dc:creator><rdf:Alt><rdf:li>Cy</rdf:li></rdf:Alt></dc:creator>',
  );
  assert.deepEqual(rdfTextsOf(item, NS.dc, 'subject'), ['News', 'World', 'Sport']);
  assert.deepEqual(rdfTextsOf(item, NS.dc, 'creator'), ['Ann', 'Bob', 'Cy']);
});

test('an element without a container has its text as its one value', () => {
  const item = itemOf('<dc:subject>Plain <b>text</b></dc:subject><dc:subject><Bag>x</Bag></dc:subject>');
  assert.deepEqual(rdfTextsOf(item, NS.dc, 'subject'), ['Plain text', 'x']);
  assert.deepEqual(rdfTextsOf(item, NS.dc, 'creator'), []);
});
