import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takenPaths } from './taken-paths.ts';

test('a path is taken on disk (folded), in the database, or by this plan; the folder is listed once', () => {
  let listed = 0;
  const taken = takenPaths(
    'News/Site',
    (folder) => {
      listed++;
      assert.equal(folder, 'News/Site');
      return ['Hand-Made.md'];
    },
    (path) => path === 'News/Site/in-db.md',
  );
  assert.ok(taken.has('News/Site/hand-made.md'));
  assert.ok(taken.has('News/Site/in-db.md'));
  assert.ok(!taken.has('News/Site/new.md'));
  taken.add('News/Site/new.md');
  assert.ok(taken.has('news/site/NEW.md'));
  assert.equal(listed, 1);
});
