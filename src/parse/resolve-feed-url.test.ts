import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveFeedUrl } from './resolve-feed-url.ts';

test('IRIs resolve to valid URLs: non-ASCII percent-encoded, a stray % escaped', () => {
  assert.equal(
    resolveFeedUrl('記事/一', 'https://例え.jp/ブログ/'),
    'https://xn--r8jz45g.jp/%E3%83%96%E3%83%AD%E3%82%B0/%E8%A8%98%E4%BA%8B/%E4%B8%80',
  );
  assert.equal(
    resolveFeedUrl('100%-off?q=5%25', 'https://shop.example/'),
    'https://shop.example/100%25-off?q=5%25',
  );
  assert.equal(resolveFeedUrl('javascript:alert(1)', 'https://x.example/'), undefined);
});

test('a URL returned as written is exactly what the WHATWG URL parser would give', () => {
  // Random URLs over an alphabet rich in characters URL parsing changes (seeded, so repeatable).
  const alphabet = [
    'a',
    'Z',
    '0',
    '-',
    '.',
    '/',
    '%',
    '2',
    'e',
    'E',
    '?',
    '#',
    "'",
    '"',
    ' ',
    '[',
    ']',
    '|',
    '\\',
    '~',
    '@',
    ':',
    'é',
    'xn--',
    '..',
    '%2e',
    '{',
    '`',
    '^',
  ];
  const hosts = [
    'a.example',
    'A.example',
    'a.b-c.example',
    'xn--fsq.example',
    '1.2.3.4',
    'a.1example',
    'example',
    'a..example',
    '-a.example',
    'a.example:80',
    'a.example:8080',
  ];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let fast = 0;
  for (let round = 0; round < 20_000; round++) {
    let path = '/';
    for (let length = next(12); length > 0; length--) path += alphabet[next(alphabet.length)];
    const url = `${next(2) ? 'https' : 'http'}://${hosts[next(hosts.length)]}${path}`;
    const resolved = resolveFeedUrl(url, undefined);
    let expected: string | undefined;
    try {
      expected = new URL(url).href;
    } catch {
      expected = undefined;
    }
    if (resolved === url) fast++;
    if (resolved === url && expected !== undefined) assert.equal(resolved, expected, url);
    if (resolved === url) assert.notEqual(expected, undefined, url);
  }
  assert.ok(fast > 1000, `only ${fast} URLs took the fast path`);
});

test('script and data schemes are refused as the URL parser reads them: split, padded, any case', () => {
  for (const value of [
    'jav\tascript:alert(1)',
    'java\nscript:alert(1)',
    ' JaVa\rScRiPt:alert(1)',
    'javascript\t:alert(1)',
    '\u0000javascript:alert(1)',
    '\u001fjavascript:alert(1)',
    'vb\tscript:msgbox(1)',
    'da\nta:text/html,<script>alert(1)</script>',
  ])
    assert.equal(resolveFeedUrl(value, 'https://x.example/'), undefined, JSON.stringify(value));
  assert.equal(resolveFeedUrl('mailto:a@x.example', undefined), 'mailto:a@x.example');
  assert.equal(resolveFeedUrl('ht\ttps://x.example/a', undefined), 'https://x.example/a');
});
