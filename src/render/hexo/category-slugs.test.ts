import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { categorySlugCollisions, hexoSlug } from './category-slugs.ts';

test('slugs match hexo-util slugize for names feeds use', () => {
  const slugize = createRequire(import.meta.url)('hexo-util').slugize as (name: string) => string;
  for (const name of [
    'C++',
    'C#',
    'Go',
    'Node.js',
    'a  b',
    '金融',
    '新浪财经－国內',
    'Café',
    'x_y-z',
    '+++',
    'A/B',
  ]) {
    assert.equal(hexoSlug(name), slugize(name), name);
  }
});

test('C++ and C# collide; distinct names do not', () => {
  const found = categorySlugCollisions([
    ['Programming', 'C++'],
    ['Programming', 'C#'],
    ['Programming', 'Go'],
  ]);
  assert.deepEqual([...found.keys()].sort(), [0, 1]);
  assert.equal(found.get(0)![0]!.code, 'category-slug-collision');
  assert.match(found.get(0)![0]!.message, /C\+\+.*C#/);
});

test('case-only differences collide (case-insensitive disks); an empty slug is reported', () => {
  assert.deepEqual([...categorySlugCollisions([['Go'], ['go']]).keys()].sort(), [0, 1]);
  assert.equal(categorySlugCollisions([['+++']]).get(0)![0]!.code, 'category-slug-empty');
  assert.equal(
    categorySlugCollisions([
      ['金融', '新浪财经'],
      ['金融', '新浪财经'],
    ]).size,
    0,
  );
});
