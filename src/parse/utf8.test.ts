import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStrictUtf8 } from './utf8.ts';

test('decodes like TextDecoder for every kind of code point', () => {
  const decoder = new TextDecoder();
  const samples = ['plain ascii', 'Café “curly” — €', '中文标题：测试', '𠀀 emoji 😀 mixed é', 'a\tb\nc\rd'];
  let seed = 7;
  for (let round = 0; round < 200; round++) {
    let text = '';
    for (let index = 0; index < 50; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const code =
        seed % 4 === 0
          ? 0x20 + (seed % 90)
          : seed % 4 === 1
            ? 0x80 + (seed % 0x700)
            : seed % 4 === 2
              ? 0x4e00 + (seed % 0x5000)
              : 0x10000 + (seed % 0xfffff);
      text += String.fromCodePoint(code);
    }
    samples.push(text);
  }
  for (const sample of samples) {
    const bytes = Buffer.from(sample, 'utf8');
    assert.equal(decodeStrictUtf8(bytes)?.text, decoder.decode(bytes));
  }
});

test('rejects what strict UTF-8 forbids', () => {
  const invalid = [
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xff],
    [0xe4, 0xb8],
    [0x80],
  ];
  for (const sequence of invalid)
    assert.equal(decodeStrictUtf8(Buffer.from([0xe4, 0xb8, 0xad, ...sequence])), undefined);
});

test('reports whether characters XML forbids occur', () => {
  assert.equal(decodeStrictUtf8(Buffer.from('中文 ok\n'))?.clean, true);
  assert.equal(decodeStrictUtf8(Buffer.from('中文\u0001'))?.clean, false);
  assert.equal(decodeStrictUtf8(Buffer.from('中文\uffff'))?.clean, false);
});

test('decodes at every alignment, with controls and non-ASCII anywhere in a word', () => {
  const decoder = new TextDecoder();
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
  const pieces = [
    'abcd',
    'efghijk',
    ' ',
    '\n',
    '\t',
    '\u0001',
    '\u001f',
    'é',
    '中',
    '😀',
    '~',
    '\u007f',
    '\uffff',
  ];
  let seed = 11;
  for (let round = 0; round < 400; round++) {
    let text = '';
    const count = round % 40;
    for (let index = 0; index < count; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      text += pieces[seed % pieces.length];
    }
    const encoded = Buffer.from(text, 'utf8');
    for (let shift = 0; shift < 4; shift++) {
      // The same bytes at each offset inside a larger buffer, so that words start anywhere.
      const host = Buffer.alloc(encoded.length + 8, 0x41);
      encoded.copy(host, shift);
      const bytes = host.subarray(shift, shift + encoded.length);
      const decoded = decodeStrictUtf8(bytes);
      assert.equal(decoded?.text, decoder.decode(bytes), JSON.stringify(text));
      if (decoded && /[^\u0000-\u007f]/.test(text)) assert.equal(decoded.clean, !forbidden.test(text));
    }
  }
});

test('text decoded earlier stays intact when the next document reuses the scratch buffer', () => {
  // Over a megabyte, where Node may hand out external strings: the text must be a copy.
  const first = `${'é'.repeat(300_000)}中${'a'.repeat(600_000)}`;
  const second = `${'ü'.repeat(300_000)}文${'b'.repeat(600_000)}`;
  const decodedFirst = decodeStrictUtf8(Buffer.from(first, 'utf8'))?.text;
  const decodedSecond = decodeStrictUtf8(Buffer.from(second, 'utf8'))?.text;
  assert.ok(decodedFirst === first);
  assert.ok(decodedSecond === second);
});
