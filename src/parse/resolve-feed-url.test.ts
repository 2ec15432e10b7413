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
