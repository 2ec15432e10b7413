import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../store/index.ts';
import { createPostWriter, TEMPORARY_SUFFIX } from './apply-writes.ts';
import { hashContent } from './plan-writes.ts';
import { repairSite } from './repair-site.ts';

const row = (key: string, content: string) => ({
  key,
  contentHash: hashContent(content),
  postPath: `C/${key}.md`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-12-01T00:00:00.000Z',
});
/** A row for `key` whose post is at `postPath`. */
const at = (key: string, postPath: string) => ({ ...row(key, key), postPath });

test('repair adopts landed writes, drops the rest, finishes deletions, removes temp files, flags missing posts', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-repair-'));
  try {
    const store = openStore(':memory:');
    const feed = store.feed('f');
    store.recordSuccess(feed.id, [row('kept', 'k'), row('lost', 'l'), row('old', 'o')], {
      validators: { etag: '"e"' },
    });
    mkdirSync(join(root, 'C'));
    writeFileSync(join(root, 'C', 'kept.md'), 'k');
    // An interrupted run: "landed" was renamed into place, "never" was not; a temp file remains.
    store.beginWrites(feed.id, [row('landed', 'L'), row('never', 'N')]);
    writeFileSync(join(root, 'C', 'landed.md'), 'L');
    writeFileSync(join(root, 'C', `.abc${TEMPORARY_SUFFIX}`), 'partial');
    // An interrupted prune of "old".
    writeFileSync(join(root, 'C', 'old.md'), 'o');
    store.beginPrune([{ ...row('old', 'o'), feedId: feed.id }], new Date());

    const report = await repairSite(store, root, createPostWriter(root));
    assert.deepEqual(report, {
      temporaryFilesRemoved: 1,
      adopted: 1,
      dropped: 1,
      deletionsFinished: 1,
      missing: 1,
    });
    assert.equal(existsSync(join(root, 'C', `.abc${TEMPORARY_SUFFIX}`)), false);
    assert.equal(existsSync(join(root, 'C', 'old.md')), false);
    const items = store.items(feed.id);
    assert.deepEqual([...items.keys()].sort(), ['kept', 'landed', 'lost']);
    assert.equal(items.get('lost')?.contentHash, '', 'rewritten on the next full fetch');
    assert.equal(store.feed('f').etag, undefined, 'validators dropped so the next fetch is full');
    assert.deepEqual(store.pendingChanges(), []);
    assert.deepEqual(await repairSite(store, root, createPostWriter(root)), {
      temporaryFilesRemoved: 0,
      adopted: 0,
      dropped: 0,
      deletionsFinished: 0,
      missing: 0,
    });
    store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('missing posts are found per folder, a removed folder included', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-repair-'));
  try {
    const store = openStore(':memory:');
    const feed = store.feed('f');
    store.recordSuccess(
      feed.id,
      [at('a', 'X/Y/a.md'), at('b', 'X/Y/b.md'), at('c', 'X/c.md'), at('d', 'Gone/d.md'), at('e', 'e.md')],
      { validators: {} },
    );
    mkdirSync(join(root, 'X', 'Y'), { recursive: true });
    writeFileSync(join(root, 'X', 'Y', 'a.md'), 'a');
    writeFileSync(join(root, 'X', 'c.md'), 'c');
    writeFileSync(join(root, 'e.md'), 'e');
    const report = await repairSite(store, root, createPostWriter(root));
    assert.equal(report.missing, 2);
    const items = store.items(feed.id);
    assert.deepEqual(
      [...items.values()]
        .filter((item) => item.contentHash === '')
        .map((item) => item.key)
        .sort(),
      ['b', 'd'],
    );
    store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder unchanged since its last listing is not listed again; a changed one is', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-repair-'));
  try {
    const store = openStore(':memory:');
    const feed = store.feed('f');
    store.recordSuccess(feed.id, [at('a', 'Old/a.md'), at('b', 'Old/b.md'), at('c', 'New/c.md')], {
      validators: {},
    });
    for (const [folder, name] of [
      ['Old', 'a.md'],
      ['Old', 'b.md'],
      ['New', 'c.md'],
    ] as const) {
      mkdirSync(join(root, folder), { recursive: true });
      writeFileSync(join(root, folder, name), name);
    }
    // "Old" was last changed an hour ago; "New" just now, in the clock tick of the listing.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(root, 'Old'), hourAgo, hourAgo);
    assert.equal((await repairSite(store, root, createPostWriter(root))).missing, 0);
    const stamps = store.folderStamps();
    assert.deepEqual([...stamps.keys()], ['Old'], 'a folder changed just now gets no stamp');
    assert.equal(stamps.get('Old'), statSync(join(root, 'Old')).mtimeMs);

    // Proof that "Old" is not listed: a post removed with its folder's mtime put back stays unseen.
    rmSync(join(root, 'Old', 'a.md'));
    utimesSync(join(root, 'Old'), hourAgo, hourAgo);
    assert.equal((await repairSite(store, root, createPostWriter(root))).missing, 0);
    // A real removal changes the folder's mtime: the post is found missing.
    rmSync(join(root, 'Old', 'b.md'));
    rmSync(join(root, 'New', 'c.md'));
    const report = await repairSite(store, root, createPostWriter(root));
    assert.equal(report.missing, 3);
    assert.deepEqual(
      [...store.items(feed.id).values()].map((item) => item.contentHash),
      ['', '', ''],
    );
    store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
