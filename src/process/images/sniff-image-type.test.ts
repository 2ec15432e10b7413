import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sniffImageType } from './sniff-image-type.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

test('raster images are known by their signatures', () => {
  const cases: [Uint8Array, string][] = [
    [bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13]), 'png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'jpg'],
    [bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
    [bytes('GIF87a', [1, 0, 1, 0]), 'gif'],
    [bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    [bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf'), 'avif'],
    // AVIF named only among the compatible brands.
    [bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1avif'), 'avif'],
  ];
  for (const [input, extension] of cases) {
    const sniffed = sniffImageType(input);
    assert.equal(sniffed.kind, 'image', extension);
    assert.equal(sniffed.kind === 'image' && sniffed.type.extension, extension);
  }
});

test('HTML, text, video and truncated signatures are not images; SVG is told apart', () => {
  for (const input of [
    bytes('<!DOCTYPE html><html><body>Not found</body></html>'),
    bytes('<html><svg></svg></html>'),
    bytes('plain text'),
    bytes([0x89], 'PN'),
    bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0], 'isommp41'),
    bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '),
    new Uint8Array(),
  ])
    assert.equal(sniffImageType(input).kind, 'unknown', Buffer.from(input).toString('latin1'));
  assert.equal(
    sniffImageType(
      new Uint8Array(
        Buffer.from('\ufeff<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf8'),
      ),
    ).kind,
    'svg',
  );
  assert.equal(sniffImageType(bytes('  <svg onload="alert(1)"></svg>')).kind, 'svg');
});
