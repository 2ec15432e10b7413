import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAuthors, joinAuthorAddresses, parseAuthor, parseAuthorList } from './parse-author.ts';

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

test('the same name given again, with or without an address, is one author', () => {
  const authors: Array<{ name?: string; url?: string }> = [];
  addAuthors(authors, [
    { name: 'Jane Doe', url: 'mailto:jane@example.com' },
    { name: 'Jane Doe' },
    { name: 'Bob' },
    { name: 'Bob', url: 'mailto:bob@example.com' },
    { name: 'Jane Doe', url: 'https://jane.example/' },
  ]);
  assert.deepEqual(authors, [
    { name: 'Jane Doe', url: 'mailto:jane@example.com' },
    { name: 'Bob', url: 'mailto:bob@example.com' },
    { name: 'Jane Doe', url: 'https://jane.example/' },
  ]);
});

test('a list of authors with addresses is split; a name with a comma is not', () => {
  assert.deepEqual(parseAuthorList('ada@example.com (Ada Lovelace), ed@example.com (Ed)'), [
    { name: 'Ada Lovelace', url: 'mailto:ada@example.com' },
    { name: 'Ed', url: 'mailto:ed@example.com' },
  ]);
  assert.deepEqual(parseAuthorList('Ada <ada@example.com>, Ed <ed@example.com>'), [
    { name: 'Ada', url: 'mailto:ada@example.com' },
    { name: 'Ed', url: 'mailto:ed@example.com' },
  ]);
  assert.deepEqual(parseAuthorList('Lovelace, Ada <ada@example.com>'), [
    { name: 'Lovelace, Ada', url: 'mailto:ada@example.com' },
  ]);
  assert.deepEqual(parseAuthorList('Ada, Ed and Cy'), [{ name: 'Ada, Ed and Cy' }]);
});
