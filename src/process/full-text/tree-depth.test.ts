import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { nestsDeeperThan, type TreeElement } from './tree-depth.ts';

const root = (html: string) => parseHTML(html).document.documentElement as unknown as TreeElement;

test('the depth counts the deepest branch, wherever it is among siblings', () => {
  // html > body > section > div: four levels, in the last of three branches.
  const html = '<html><body><p>a</p><p><b>b</b></p><section><div>c</div></section></body></html>';
  assert.equal(nestsDeeperThan(root(html), 4), false);
  assert.equal(nestsDeeperThan(root(html), 3), true);
  const first = '<html><body><section><div><i>c</i></div></section><p>a</p></body></html>';
  assert.equal(nestsDeeperThan(root(first), 5), false);
  assert.equal(nestsDeeperThan(root(first), 4), true);
  assert.equal(nestsDeeperThan(root('<html></html>'), 3), false);
});
