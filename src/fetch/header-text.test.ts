import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerText } from './header-text.ts';

/** A header value as node:http hands it over: each byte of the field one latin1 character. */
const received = (bytes: Buffer) => bytes.toString('latin1');

test('a header value whose bytes are UTF-8 is read as UTF-8', () => {
  assert.equal(headerText(received(Buffer.from('/文章/feed?q=é'))), '/文章/feed?q=é');
});

test('ASCII and bytes that are not UTF-8 stay as they came (one character per byte)', () => {
  assert.equal(headerText('/plain/feed'), '/plain/feed');
  const latin1 = received(Buffer.from([0x2f, 0x63, 0x61, 0x66, 0xe9])); // "/café" in ISO-8859-1
  assert.equal(headerText(latin1), '/café');
});
