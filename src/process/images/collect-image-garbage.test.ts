import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPostWriter, TEMPORARY_SUFFIX } from '../../pipeline/index.ts';
import { openStore } from '../../store/index.ts';
import { collectImageGarbage } from './collect-image-garbage.ts';
import { createImageFolder } from './image-folder.ts';

const at = new Date('2026-12-01T00:00:00Z');
const row = (key: string) => ({
  key,
  contentHash: 'h',
  postPath: `A/${key}.md`,
  firstSeen: at.toISOString(),
  published: at.toISOString(),
});
const name = (char: string) => `${char.repeat(64)}.png`;

test('garbage collection deletes images only pruned posts used, keeps those any post refers to', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-images-'));
  try {
    const imagesRoot = join(root, 'images');
    const folder = createImageFolder(
      imagesRoot,
      createPostWriter(imagesRoot, { fsync: false }),
      TEMPORARY_SUFFIX,
    );
    for (const char of 'abcd') await folder.put(name(char), new Uint8Array([0x89, char.charCodeAt(0)]));
    assert.deepEqual(readFileSync(join(imagesRoot, name('a'))), Buffer.from([0x89, 0x61]));
    writeFileSync(join(imagesRoot, `.0123${TEMPORARY_SUFFIX}`), 'half');

    const store = openStore(':memory:', { fsync: false });
    const feed = store.feed('https://example.org/feed');
    store.recordSuccess(feed.id, ['p1', 'p2', 'adopted'].map(row), { validators: {} });
    for (const char of 'abcd') store.images.recordFile(`https://img/${char}.png`, name(char), at);
    store.images.recordUses({ id: feed.id }, 'p1', [name('a'), name('b')]);
    store.images.recordUses({ id: feed.id }, 'p2', [name('b')]);
    // An adopted post (uses unrecorded) refers to c in its text; d is used by nobody.
    const posts: Record<string, string> = {
      'A/adopted.md': `---\nheadimg: /images/feedmill/${name('c')}\n---\n`,
    };

    const first = await collectImageGarbage(store.images, folder, (path) => posts[path]);
    assert.deepEqual(first.removed, [name('d')]);
    assert.equal(first.scanned, 1);
    assert.deepEqual(readdirSync(imagesRoot).sort(), [name('a'), name('b'), name('c')]);

    // Pruning p1 frees a (b is still p2's).
    store.beginPrune([{ ...row('p1'), feedId: feed.id }], at);
    store.clearPending([{ feedId: feed.id, key: 'p1' }]);
    const second = await collectImageGarbage(store.images, folder, (path) => posts[path]);
    assert.deepEqual(second.removed, [name('a')]);
    assert.equal(second.scanned, 0);
    assert.deepEqual(readdirSync(imagesRoot).sort(), [name('b'), name('c')]);
    assert.equal(store.images.find('https://img/a.png'), undefined);
    store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
