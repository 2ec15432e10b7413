import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMAGE_FILE_NAME, imageFileName } from './image-file-name.ts';

test('an image is named by the SHA-256 of its bytes and its sniffed type', () => {
  const bytes = new TextEncoder().encode('abc');
  const name = imageFileName(bytes, { mime: 'image/png', extension: 'png' });
  assert.equal(name, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.png');
  assert.match(name, IMAGE_FILE_NAME);
  assert.equal(imageFileName(new TextEncoder().encode('abc'), { mime: 'image/png', extension: 'png' }), name);
  assert.notEqual(
    imageFileName(new TextEncoder().encode('abd'), { mime: 'image/png', extension: 'png' }),
    name,
  );
  assert.ok(imageFileName(bytes, { mime: 'image/webp', extension: 'webp' }).endsWith('.webp'));
});
