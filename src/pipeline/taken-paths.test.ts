import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldPath } from '../store/index.ts';
import { takenPaths } from './taken-paths.ts';

/** A database holding `paths`, counting its queries. */
function database(paths: string[]) {
  const queries: string[][] = [];
  return {
    queries,
    paths,
    takenAmong: (asked: readonly string[]) => {
      queries.push([...asked]);
      return new Set(asked.map(foldPath).filter((fold) => paths.map(foldPath).includes(fold)));
    },
  };
}

test('a path is taken on disk (folded), in the database, or by this plan; the folder is listed once', () => {
  let listed = 0;
  const db = database(['News/Site/in-db.md']);
  const taken = takenPaths(
    'News/Site',
    (folder) => {
      listed++;
      assert.equal(folder, 'News/Site');
      return ['Hand-Made.md'];
    },
    db.takenAmong,
  );
  assert.ok(taken.has('News/Site/hand-made.md'));
  assert.ok(taken.has('News/Site/IN-DB.md'));
  assert.ok(!taken.has('News/Site/new.md'));
  taken.add('News/Site/new.md');
  assert.ok(taken.has('news/site/NEW.md'));
  assert.equal(listed, 1);
});

test('expected paths are looked up in one query; a later expect asks again, others alone', () => {
  const db = database(['F/a.md']);
  const taken = takenPaths('F', () => [], db.takenAmong);
  taken.expect?.(['F/a.md', 'F/b.md', 'F/c.md']);
  assert.equal(db.queries.length, 1);
  assert.ok(taken.has('F/A.md'));
  assert.ok(!taken.has('F/b.md'));
  assert.ok(!taken.has('F/c.md'));
  assert.equal(db.queries.length, 1, 'answered from the one query');
  assert.ok(!taken.has('F/d.md'));
  assert.equal(db.queries.length, 2, 'a path not expected is asked alone');
  // Another feed journals b meanwhile: the next batch's expect must not reuse the old answer.
  db.paths.push('F/b.md');
  taken.expect?.(['F/b.md']);
  assert.ok(taken.has('F/b.md'));
  assert.ok(!taken.has('F/c.md'), 'asked again, alone: still free');
  assert.equal(db.queries.length, 4);
});
