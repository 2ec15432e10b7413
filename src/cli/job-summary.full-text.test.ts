import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatJobSummary } from './job-summary.ts';

test("an ok feed's row counts the items that got no full text", () => {
  const markdown = formatJobSummary({
    elapsedMs: 1000,
    feeds: [
      {
        name: 'news',
        status: 'ok',
        created: 2,
        updated: 0,
        unchanged: 1,
        source: 'https://a.example/feed.xml',
        diagnostics: [
          { code: 'full-text-not-found', message: 'no article', item: 'a' },
          { code: 'bad-date', message: 'bad date', item: 'b' },
        ],
      },
      { name: 'blog', status: 'ok', created: 1, updated: 0, unchanged: 0, source: 'b', diagnostics: [] },
    ],
  });
  assert.match(markdown, /^\| news \| ok \| 2 \| 0 \| 1 without full text \(see the log\) \|$/m);
  assert.match(markdown, /^\| blog \| ok \| 1 \| 0 \| {2}\|$/m);
});
