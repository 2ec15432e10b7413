import assert from 'node:assert/strict';
import { test } from 'node:test';
import render from 'dom-serializer';
import { type ChildNode, isTag, type ParentNode } from 'domhandler';
import { filterNodes, Verdict } from './filter-nodes.ts';
import { parseHtml } from './parse-html.ts';

/** Every node's parent, prev and next agree with its parent's children. */
function assertLinked(parent: ParentNode): void {
  parent.children.forEach((child: ChildNode, index) => {
    assert.equal(child.parent, parent);
    assert.equal(child.prev, parent.children[index - 1] ?? null);
    assert.equal(child.next, parent.children[index + 1] ?? null);
    if (isTag(child)) assertLinked(child);
  });
}

test('nodes are kept, dropped with their content, or unwrapped into their place', () => {
  const root = parseHtml('<p>a<x>b<y>c</y><i>d</i></x><s>e</s>f</p><x><x>g</x></x>');
  const visited: string[] = [];
  filterNodes(root, (node) => {
    if (!isTag(node)) return Verdict.Keep;
    visited.push(node.name);
    return node.name === 'x'
      ? Verdict.Unwrap
      : node.name === 's' || node.name === 'y'
        ? Verdict.Drop
        : Verdict.Keep;
  });
  assert.equal(render(root), '<p>ab<i>d</i>f</p>g');
  // Document order, a node before its children; dropped content is not visited.
  assert.deepEqual(visited, ['p', 'x', 'y', 'i', 's', 'x', 'x']);
  assertLinked(root);
});

test('a tree nothing changes keeps its sibling lists', () => {
  const root = parseHtml('<p>a<b>b</b></p>');
  const children = root.children;
  filterNodes(root, () => Verdict.Keep);
  assert.equal(root.children, children);
  assertLinked(root);
});
