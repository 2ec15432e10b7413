import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsshubErrorMessage } from './rsshub-error-page.ts';

// The shape of RSSHub's error page (lib/views/error.tsx): a heading, then "Error Message:" and
// the message in a code element, then the route and version details.
const errorPage = (message: string) =>
  '<!DOCTYPE html><html><head><title>RSSHub</title></head><body><div class="w-full">' +
  '<img src="/logo.png" alt="RSSHub"><h1 class="text-4xl font-bold">Looks like something went wrong</h1>' +
  '<p class="mb-2 font-bold">Helpful Information</p><p class="message">Error Message:<br>' +
  `<code class="mt-2 block details whitespace-pre-line">${message}</code></p>` +
  '<p class="message">Route: <code class="ml-2">/sina/finance</code></p>' +
  '<p class="message">Git Hash: <code class="ml-2">abc1234</code></p></div></body></html>';

test("RSSHub's error page gives its message; other pages give none", () => {
  assert.equal(
    rsshubErrorMessage(
      errorPage('FetchError: [GET] &quot;https://finance.sina.com.cn/&quot;: 403 Forbidden'),
    ),
    'FetchError: [GET] "https://finance.sina.com.cn/": 403 Forbidden',
  );
  assert.equal(
    rsshubErrorMessage('{"error":{"message":"Error: route needs a cookie"}}'),
    'Error: route needs a cookie',
  );
  const long = rsshubErrorMessage(errorPage(`Error: ${'x'.repeat(1000)}\n\n  at route`));
  assert.equal(long?.length, 300);
  assert.ok(long?.endsWith('…'));
  // A reverse proxy's or a CDN's page, a rate limit, JSON of another shape, nothing.
  for (const other of [
    '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503</h1></center><hr><center>nginx</center></body></html>',
    '<h1>Error Message: <code>not RSSHub</code></h1>',
    '{"message":"rate limited"}',
    '{"error":{"message":""}}',
    '{not json',
    '',
    undefined,
  ])
    assert.equal(rsshubErrorMessage(other), undefined, String(other));
});
