import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { postIdentity } from '../render/index.ts';
import { openStore } from '../store/index.ts';
import { createPostAdopter } from './create-post-adopter.ts';
import { hashContent, type RenderedPost } from './plan-writes.ts';

const text = (fields: string) => `---\n${fields}---\n<div>body</div>\n`;
const rendered = (identity: string, title = "'Title'"): RenderedPost => ({
  key: 'item-1',
  folder: 'News',
  fileName: 'Title.md',
  uniqueFileName: 'Title-12345678.md',
  content: text(
    `title: ${title}\ncategories:\n  - 'News'\ndate: 'Tue, 01 Dec 2026 08:00:00 GMT'\nfeedmill: '${identity}'\n`,
  ),
  firstSeen: '2026-12-06T00:00:00.000Z',
  published: '2026-12-01T08:00:00.000Z',
});

test('a file at an item’s name is its post only with its identity, or with none and the same title, categories and date', () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-adopter-'));
  const store = openStore(':memory:');
  try {
    mkdirSync(join(root, 'News'));
    const mine = postIdentity('a.xml', 'item-1');
    const post = rendered(mine);
    const cases: [string, string, boolean][] = [
      ['its own identity', text(`title: 'Other title'\nfeedmill: '${mine}'\n`), true],
      [
        'another item’s identity',
        text(`title: 'Title'\nfeedmill: '${postIdentity('a.xml', 'item-2')}'\n`),
        false,
      ],
      // An older feedmill: no identity; dates compare as instants (Asia/Shanghai is UTC+8).
      [
        'the same post, older',
        text("title: 'Title'\ncategories: ['News']\ndate: '2026-12-01 16:00:00'\n"),
        true,
      ],
      ['another date', text("title: 'Title'\ncategories: ['News']\ndate: '2026-12-02 16:00:00'\n"), false],
      [
        'other categories',
        text("title: 'Title'\ncategories: ['Sport']\ndate: '2026-12-01 16:00:00'\n"),
        false,
      ],
      ['no front matter', 'just text\n', false],
    ];
    for (const [what, existing, adopted] of cases) {
      // The name on disk differs in case: it is found as a case-insensitive file system would.
      writeFileSync(join(root, 'News', 'title.md'), existing);
      const adopt = createPostAdopter(store, root, 'Asia/Shanghai');
      const found = adopt('News/Title.md', post);
      assert.equal(found !== undefined, adopted, what);
      if (found) {
        assert.equal(found.postPath, 'News/title.md');
        assert.equal(found.contentHash, hashContent(existing));
        assert.equal(adopt('News/Title.md', post), undefined, `${what}: adopted once per run`);
      }
      rmSync(join(root, 'News', 'title.md'));
    }
    // A file a stored item holds is never adopted by another item.
    writeFileSync(join(root, 'News', 'title.md'), text(`feedmill: '${mine}'\n`));
    store.insertItems(store.feed('a.xml').id, [
      { key: 'other', contentHash: 'h', postPath: 'News/Title.md', firstSeen: 'f', published: 'p' },
    ]);
    assert.equal(createPostAdopter(store, root, undefined)('News/Title.md', post), undefined);
  } finally {
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a post written before titles had typographic quotes is still the item’s own', () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-adopter-'));
  const store = openStore(':memory:');
  try {
    mkdirSync(join(root, 'News'));
    // Older feedmills and the Python generator wrote the feed's quotes and brackets as they came.
    const post = rendered(postIdentity('a.xml', 'item-1'), "'It\u2019s \u201chere\u201d \uff1cnow\uff1e'");
    writeFileSync(
      join(root, 'News', 'Title.md'),
      text(`title: 'It''s "here" <now>'\ncategories: ['News']\ndate: '2026-12-01 16:00:00'\n`),
    );
    assert.ok(createPostAdopter(store, root, 'Asia/Shanghai')('News/Title.md', post));
    writeFileSync(
      join(root, 'News', 'Title.md'),
      text(`title: 'It''s "there"'\ncategories: ['News']\ndate: '2026-12-01 16:00:00'\n`),
    );
    assert.equal(createPostAdopter(store, root, 'Asia/Shanghai')('News/Title.md', post), undefined);
  } finally {
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
});
