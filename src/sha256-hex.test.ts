import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { sha256Hex } from './sha256-hex.ts';

test('sha256Hex gives the SHA-256 of a string as UTF-8, the same as of its bytes', () => {
  // The digest of "abc" (FIPS 180-2, appendix B.1).
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const text = 'Überschrift 标题 \u{1F600}';
  assert.equal(sha256Hex(text), createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  assert.equal(sha256Hex(Buffer.from(text, 'utf8')), sha256Hex(text));
  assert.equal(sha256Hex(new Uint8Array()), createHash('sha256').digest('hex'));
});
