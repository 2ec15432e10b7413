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
