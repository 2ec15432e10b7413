import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTypeCharset } from './content-type-charset.ts';

test('the charset parameter of a Content-Type, unquoted and up to a space; none when absent or empty', () => {
  assert.equal(contentTypeCharset('text/xml; charset=gbk'), 'gbk');
  assert.equal(contentTypeCharset('application/rss+xml;Charset="UTF-8"'), 'UTF-8');
  assert.equal(contentTypeCharset('text/html; q=1; charset = windows-1251 '), 'windows-1251');
  assert.equal(contentTypeCharset('text/html; charset=utf-8 junk'), 'utf-8');
  assert.equal(contentTypeCharset('text/html; charset='), undefined);
  assert.equal(contentTypeCharset('charset=utf-8'), undefined, 'a parameter follows the type');
  assert.equal(contentTypeCharset('text/html'), undefined);
  assert.equal(contentTypeCharset(undefined), undefined);
});
