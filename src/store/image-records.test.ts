import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from './open-store.ts';

const at = new Date('2026-01-01T00:00:00Z');
const record = (key: string, postPath: string) => ({
  key,
  contentHash: 'h',
  postPath,
  firstSeen: at.toISOString(),
  published: at.toISOString(),
});

test('image records: URL to file, refusals, and uses that keep a file', () => {
  const store = openStore(':memory:', { fsync: false });
  const feed = store.feed('https://example.org/feed');
  store.recordSuccess(feed.id, [record('a', 'x/a.md'), record('b', 'x/b.md')], { validators: {} });
  const { images } = store;
  assert.equal(images.find('https://img/1.png'), undefined);
  assert.equal(images.hasFiles(), false);
  images.recordFile('https://img/1.png', 'one.png', at);
  images.recordFile('https://mirror/1.png', 'one.png', at);
  images.recordFile('https://img/2.png', 'two.png', at);
  images.recordRefusal('https://img/page.png', 'image-not-an-image', at);
  assert.deepEqual(images.find('https://img/1.png'), { kind: 'file', file: 'one.png' });
  assert.deepEqual(images.find('https://img/page.png'), {
    kind: 'refused',
    code: 'image-not-an-image',
    checkedAt: at.toISOString(),
  });
  images.recordUses({ source: 'https://example.org/feed' }, 'a', ['one.png', 'two.png']);
  images.recordUses({ id: feed.id }, 'b', ['one.png']);
  // A post processed but never written (its feed failed) protects nothing.
  images.recordUses({ id: feed.id }, 'never-written', ['three.png']);
  images.recordFile('https://img/3.png', 'three.png', at);
  images.dropDeadUses();
  assert.deepEqual(images.unusedFiles(), ['three.png']);
  assert.deepEqual(images.unrecordedPosts(), []);

  // Pruning post a leaves two.png unused; one.png is still used by b.
  store.beginPrune([{ ...record('a', 'x/a.md'), feedId: feed.id }], at);
  store.clearPending([{ feedId: feed.id, key: 'a' }]);
  images.dropDeadUses();
  assert.deepEqual(images.unusedFiles(), ['three.png', 'two.png']);
  images.forgetFiles(['three.png', 'two.png']);
  assert.equal(images.find('https://img/2.png'), undefined);
  assert.deepEqual(images.find('https://mirror/1.png'), { kind: 'file', file: 'one.png' });
  assert.deepEqual(images.unusedFiles(), []);
  store.close();
});

test('image records: posts whose uses are not recorded are listed for a scan', () => {
  const store = openStore(':memory:', { fsync: false });
  const feed = store.feed('https://example.org/feed');
  store.recordSuccess(feed.id, [record('a', 'x/a.md'), record('b', 'x/b.md')], { validators: {} });
  store.images.recordUses({ id: feed.id }, 'b', []);
  assert.deepEqual(store.images.unrecordedPosts(), [{ feedId: feed.id, key: 'a', postPath: 'x/a.md' }]);
  store.close();
});
