import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFeed } from './run-progress.ts';

test('a feed line counts the images kept remote', () => {
  const line = describeFeed(
    {
      name: 'news',
      status: 'ok',
      created: 2,
      updated: 0,
      unchanged: 0,
      source: 'https://a.example/feed.xml',
      diagnostics: [
        { code: 'image-too-large', message: 'too large', item: 'a' },
        { code: 'image-not-an-image', message: 'html', item: 'b' },
        { code: 'bad-date', message: 'bad date', item: 'c' },
      ],
    },
    'normal',
  );
  assert.equal(line, 'ok      news: 2 new, 0 updated, 0 unchanged, 2 image(s) kept remote, 3 warning(s)\n');
});
