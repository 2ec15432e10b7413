import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFeed } from './run-progress.ts';

test('a feed line counts the items whose article could not be used', () => {
  const line = describeFeed(
    {
      name: 'news',
      status: 'ok',
      created: 3,
      updated: 0,
      unchanged: 0,
      source: 'https://a.example/feed.xml',
      diagnostics: [
        { code: 'full-text-fetch-failed', message: 'HTTP 500', item: 'a' },
        { code: 'full-text-shorter', message: 'shorter', item: 'b' },
        { code: 'bad-date', message: 'bad date', item: 'c' },
      ],
    },
    'normal',
  );
  assert.equal(line, 'ok      news: 3 new, 0 updated, 0 unchanged, 2 full-text fallback(s), 3 warning(s)\n');
});
