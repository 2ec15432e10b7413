import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { carryOverState } from './carry-over-state.ts';
import { openStore } from './open-store.ts';
import { exportStateLines, importStateLines } from './state-lines.ts';

const at = new Date('2026-12-01T00:00:00Z');
const file = `${'a'.repeat(64)}.png`;

test('local images and their uses are exported, imported back and kept by a rebuild', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lines-'));
  try {
    const path = join(folder, 'state.db');
    const store = openStore(path, { fsync: false });
    const feed = store.feed('https://a.example/feed');
    store.recordSuccess(
      feed.id,
      [
        {
          key: 'k',
          contentHash: 'h',
          postPath: 'A/k.md',
          firstSeen: at.toISOString(),
          published: at.toISOString(),
        },
      ],
      { validators: {} },
    );
    store.images.recordFile('https://img.example/b.png', file, at);
    store.images.recordFile('https://img.example/a.png', file, at);
    store.images.recordRefusal('https://img.example/page.png', 'image-not-an-image', at);
    store.images.recordUses({ id: feed.id }, 'k', [file]);
    store.close();

    const lines = exportStateLines(path);
    const images = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.type !== 'feed' && line.type !== 'item');
    assert.deepEqual(images.slice(1), [
      { type: 'image', url: 'https://img.example/a.png', file, checked_at: at.toISOString() },
      { type: 'image', url: 'https://img.example/b.png', file, checked_at: at.toISOString() },
      {
        type: 'image',
        url: 'https://img.example/page.png',
        refused: 'image-not-an-image',
        checked_at: at.toISOString(),
      },
      { type: 'image_use', feed: 'https://a.example/feed', key: 'k', file },
    ]);
    const copy = join(folder, 'imported.db');
    importStateLines(lines, copy, 'state.jsonl');
    assert.deepEqual(exportStateLines(copy), lines);

    const rebuilt = join(folder, 'rebuilt.db');
    assert.equal(carryOverState(path, rebuilt).kind, 'kept');
    const kept = openStore(rebuilt, { fsync: false });
    assert.deepEqual(kept.images.find('https://img.example/a.png'), { kind: 'file', file });
    kept.close();

    assert.throws(
      () =>
        importStateLines(
          [lines[0]!, '{"type":"image","url":"x","checked_at":"t"}'],
          join(folder, 'bad.db'),
          'bad.jsonl',
        ),
      /bad\.jsonl:2: an image has either "file" or "refused"/,
    );
    // A name feedmill never gives (an edited file) would make posts point outside the folder.
    for (const [index, record] of [
      '{"type":"image","url":"x","file":"../../index.html","checked_at":"t"}',
      '{"type":"image_use","feed":"https://a.example/feed","key":"k","file":"a/b.png"}',
    ].entries())
      assert.throws(
        () =>
          importStateLines([...lines.slice(0, 2), record], join(folder, `bad-name-${index}.db`), 'bad.jsonl'),
        /bad\.jsonl:3: "(?:\.\.\/\.\.\/index\.html|a\/b\.png)" is not an image file name feedmill gives/,
      );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
