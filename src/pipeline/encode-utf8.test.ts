import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeUtf8 } from './encode-utf8.ts';

test('encodeUtf8 gives the bytes Buffer.from gives, lone surrogates replaced alike', () => {
  const texts = [
    '',
    'plain ASCII',
    'Latin-1 é ü ß',
    '中文标题 and 日本語',
    'emoji 😀 and a lone \uD800 high and \uDFFF low surrogate',
    'x'.repeat(70_000), // over the first scratch buffer
    '中'.repeat(400_000), // over the scratch limit: 1.2 MB of bytes
  ];
  for (const text of texts) {
    assert.deepEqual(Buffer.from(encodeUtf8(text)), Buffer.from(text, 'utf8'), text.slice(0, 20));
  }
});

test('each result owns its bytes: a later encoding does not change an earlier one', () => {
  const first = encodeUtf8('first post');
  encodeUtf8('second post, longer than the first');
  assert.equal(Buffer.from(first).toString('utf8'), 'first post');
});
