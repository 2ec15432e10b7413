import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { postIdentity } from '../render/index.ts';
import { openStore } from '../store/index.ts';
import { adoptPosts, claimAdoptedPosts, orphanFeedUrl, provisionalKey } from './adopt-posts.ts';
import { TEMPORARY_SUFFIX } from './apply-writes.ts';
import { hashContent } from './plan-writes.ts';
import { readFrontMatter } from './read-front-matter.ts';

const post = (identity: string | undefined, date = "'Tue, 01 Dec 2026 08:00:00 GMT'") =>
  `---\ntitle: 'T'\ncomments: false\ndate: ${date}\ndisableNunjucks: true\n${identity ? `feedmill: '${identity}'\n` : ''}---\n<div>body</div>\n`;

test('adoption records posts carrying an identity, by feed, with their hash and date', () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-adopt-'));
  const store = openStore(':memory:');
  try {
    mkdirSync(join(root, 'News', 'a.md'), { recursive: true }); // a folder named like a post
    const own = post(postIdentity('a.xml', 'item-1'));
    writeFileSync(join(root, 'News', 'a.md', 'one.md'), own);
    writeFileSync(
      join(root, 'News', 'two.html'),
      post(postIdentity('a.xml', 'item-2'), "'2026-12-01 16:00:00'"),
    );
    // The same identity again (a copied file): the first in sorted order wins.
    writeFileSync(join(root, 'News', 'two-copy.md'), post(postIdentity('a.xml', 'item-2')));
    writeFileSync(join(root, 'News', 'gone.md'), post(postIdentity('gone.xml', 'item-9')));
    writeFileSync(join(root, 'News', 'mine.md'), post(undefined)); // the user's own post
    writeFileSync(join(root, 'News', 'notes.txt'), post(postIdentity('a.xml', 'item-3')));
    writeFileSync(join(root, 'News', 'broken.md'), '---\ntitle: [unclosed\n---\n');
    writeFileSync(join(root, 'News', `.x${TEMPORARY_SUFFIX}`), 'half');
    // A date edited into nonsense: the file's time, not an epoch that retention would delete.
    writeFileSync(join(root, 'News', 'odd.md'), post(postIdentity('a.xml', 'item-4'), "'soon'"));
    utimesSync(
      join(root, 'News', 'odd.md'),
      new Date('2026-11-11T11:11:11Z'),
      new Date('2026-11-11T11:11:11Z'),
    );

    const report = adoptPosts(store, root, {
      sources: ['a.xml'],
      timezone: 'Asia/Shanghai',
      removeTemporaryFiles: true,
    });
    assert.deepEqual(report, { adopted: 4, orphaned: 1, duplicates: 1, temporaryFilesRemoved: 1 });
    assert.ok(!existsSync(join(root, 'News', `.x${TEMPORARY_SUFFIX}`)));

    const feed = store.findFeed('a.xml')!;
    const items = store.items(feed.id);
    const one = items.get(provisionalKey(postIdentity('a.xml', 'item-1').split('/')[1]!))!;
    assert.deepEqual(one, {
      feedId: feed.id,
      key: provisionalKey(postIdentity('a.xml', 'item-1').split('/')[1]!),
      contentHash: hashContent(own),
      postPath: 'News/a.md/one.md',
      firstSeen: '2026-12-01T08:00:00.000Z',
      published: '2026-12-01T08:00:00.000Z',
    });
    const odd = [...items.values()].find((item) => item.postPath === 'News/odd.md');
    assert.equal(odd?.published, '2026-11-11T11:11:11.000Z');
    const two = [...items.values()].find((item) => item.postPath.startsWith('News/two'))!;
    assert.equal(two.postPath, 'News/two-copy.md', 'sorted: two-copy.md before two.html');
    const orphans = store.findFeed(orphanFeedUrl(postIdentity('gone.xml', 'x').split('/')[0]!))!;
    assert.equal(store.items(orphans.id).size, 1);

    // The feed lists item-1 again: the row takes its real key; the feed that returns takes its posts.
    const known = claimAdoptedPosts(store, feed.id, 'a.xml', ['item-1', 'item-new']);
    assert.equal(known.get('item-1')?.postPath, 'News/a.md/one.md');
    assert.equal(store.items(feed.id).get('item-1')?.contentHash, hashContent(own));
    const gone = store.feed('gone.xml');
    const back = claimAdoptedPosts(store, gone.id, 'gone.xml', ['item-9']);
    assert.equal(back.get('item-9')?.postPath, 'News/gone.md');
    assert.equal(store.findFeed(orphans.url), undefined);
  } finally {
    store.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('front matter is read only between the first two --- lines, as YAML mapping', () => {
  assert.deepEqual(readFrontMatter("---\ntitle: 'a'\n---\n---\nb: 1\n---\n"), { title: 'a' });
  assert.deepEqual(readFrontMatter('---\r\ntitle: x\r\n---\r\nbody'), { title: 'x' });
  assert.equal(readFrontMatter('title: a\n---\n'), undefined);
  assert.equal(readFrontMatter('---\n- a list\n---\n'), undefined);
  assert.equal(readFrontMatter('---\ntitle: a\n'), undefined);
});
