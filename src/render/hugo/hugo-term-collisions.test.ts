import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hugoTermCollisions, hugoTermKey } from './hugo-term-collisions.ts';

// Keys as Hugo 0.111 files these terms (checked against a real build).
test('term keys follow Hugo', () => {
  assert.equal(hugoTermKey('a - b'), 'a-b');
  assert.equal(hugoTermKey(' x y '), 'x-y');
  assert.equal(hugoTermKey('A_B'), 'a_b');
  assert.equal(hugoTermKey('C++'), 'c++');
  assert.equal(hugoTermKey('新浪财经－国內'), '新浪财经国內');
  assert.equal(hugoTermKey('a%20b'), 'a%20b');
  assert.equal(hugoTermKey('！！'), '');
});

test('names sharing a term, and names with none, are reported for the feeds using them', () => {
  const found = hugoTermCollisions([['News', 'Go'], ['Tech', 'go'], ['！！'], ['News', 'Rust']]);
  assert.equal(found.get(0)?.[0]?.code, 'category-slug-collision');
  assert.match(found.get(1)?.[0]?.message ?? '', /"Go", "go" share the Hugo term "categories\/go"/);
  assert.equal(found.get(2)?.[0]?.code, 'category-slug-empty');
  // A name shared as is (News) is one category, not a collision.
  assert.equal(found.get(3), undefined);
});
