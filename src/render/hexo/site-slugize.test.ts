import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { categorySlugCollisions } from './category-slugs.ts';
import { siteSlugize } from './site-slugize.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

test("a site's own hexo-util slugize is used, so its diacritic table decides collisions", () => {
  const slugize = siteSlugize(REPO);
  assert.ok(slugize, 'hexo-util resolves from a folder with it installed');
  // hexo-util folds ß, Æ and Ł with its own table; NFD alone does not.
  assert.equal(slugize('Łódź'), 'Lodz');
  assert.equal(slugize('Æsir'), 'AEsir');
  const paths = [
    ['Europe', 'Łódź'],
    ['Europe', 'Lodz'],
  ];
  assert.deepEqual([...categorySlugCollisions(paths, slugize).keys()], [0, 1]);
  assert.deepEqual([...categorySlugCollisions(paths).keys()], [], 'the approximation misses this one');
});

test('a folder without hexo-util gets none (the approximation is used)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-no-hexo-'));
  try {
    assert.equal(siteSlugize(folder), undefined);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
