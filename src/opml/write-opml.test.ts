import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOpml } from './read-opml.ts';
import { writeOpml } from './write-opml.ts';

test('OPML 2.0 with nested folders, escaped attributes, and it reads back the same', () => {
  const entries = [
    { title: 'A & "B"', xmlUrl: 'https://a.example/?x=1&y=2', categories: ['金融', '新浪财经'] },
    { title: 'C', xmlUrl: 'https://c.example/feed', categories: ['金融'] },
    { title: 'D', xmlUrl: 'https://d.example/feed', categories: [] },
  ];
  const text = writeOpml(entries, 'subs <mine>', new Date('2026-12-01T00:00:00Z'));
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<opml version="2\.0">/);
  assert.match(text, /<title>subs &lt;mine&gt;<\/title>/);
  assert.match(text, /<dateCreated>Tue, 01 Dec 2026 00:00:00 GMT<\/dateCreated>/);
  assert.match(text, /xmlUrl="https:\/\/a\.example\/\?x=1&amp;y=2"/);
  assert.deepEqual(
    readOpml(text, 'round-trip').map((feed) => ({
      title: feed.title,
      xmlUrl: feed.url,
      categories: feed.categories,
    })),
    [entries[0], entries[1], entries[2]],
  );
});
