import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinAuthorAddresses, literalText, parseAuthor, plainText, resolveUrl } from './feed-text.ts';

test('only XML whitespace folds: U+00A0 and other Unicode spaces are text', () => {
  assert.equal(literalText(' \t a \r\n  b \n'), 'a b');
  assert.equal(literalText('\u00a0a\u00a0 \u00a0b\u00a0'), '\u00a0a\u00a0 \u00a0b\u00a0');
  assert.equal(literalText('x\u3000y\u2009z'), 'x\u3000y\u2009z');
  assert.equal(plainText('<b>M.</b>&nbsp;Dupont'), 'M.\u00a0Dupont');
  assert.equal(literalText('   '), '');
});

test('RSS author forms give a name and a mailto: url; an address is never the name', () => {
  const ada = { name: 'Ada Lovelace', url: 'mailto:ada@example.com' };
  assert.deepEqual(parseAuthor('ada@example.com (Ada Lovelace)'), ada);
  assert.deepEqual(parseAuthor('Ada Lovelace (ada@example.com)'), ada);
  assert.deepEqual(parseAuthor('Ada Lovelace <ada@example.com>'), ada);
  assert.deepEqual(parseAuthor('"Lovelace, Ada" <mailto:ada@example.com>'), {
    name: 'Lovelace, Ada',
    url: 'mailto:ada@example.com',
  });
  assert.deepEqual(parseAuthor('ada@example.com'), { url: 'mailto:ada@example.com' });
  assert.deepEqual(parseAuthor('Margaret Hamilton (Apollo)'), { name: 'Margaret Hamilton (Apollo)' });
  assert.equal(parseAuthor('  '), undefined);
});

test('an address-only author joins the next named author without a url', () => {
  assert.deepEqual(joinAuthorAddresses([{ url: 'mailto:a@example.com' }, { name: 'A' }]), [
    { name: 'A', url: 'mailto:a@example.com' },
  ]);
  assert.deepEqual(
    joinAuthorAddresses([{ url: 'mailto:a@example.com' }, { name: 'B', url: 'https://b.example/' }]),
    [{ name: 'B', url: 'https://b.example/' }],
  );
  assert.deepEqual(joinAuthorAddresses([{ url: 'mailto:a@example.com' }]), [{ url: 'mailto:a@example.com' }]);
});

test('IRIs resolve to valid URLs: non-ASCII percent-encoded, a stray % escaped', () => {
  assert.equal(
    resolveUrl('記事/一', 'https://例え.jp/ブログ/'),
    'https://xn--r8jz45g.jp/%E3%83%96%E3%83%AD%E3%82%B0/%E8%A8%98%E4%BA%8B/%E4%B8%80',
  );
  assert.equal(
    resolveUrl('100%-off?q=5%25', 'https://shop.example/'),
    'https://shop.example/100%25-off?q=5%25',
  );
  assert.equal(resolveUrl('javascript:alert(1)', 'https://x.example/'), undefined);
});
