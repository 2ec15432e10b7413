import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSrcset, parseSrcset } from './srcset.ts';

test('srcset candidates are split as HTML does, descriptors kept', () => {
  assert.deepEqual(parseSrcset(' a.png 1x,b.png  2x , https://x/c,d.png 640w'), [
    { url: 'a.png', descriptors: '1x' },
    { url: 'b.png', descriptors: '2x' },
    // A URL may hold commas; only trailing ones end it.
    { url: 'https://x/c,d.png', descriptors: '640w' },
  ]);
  assert.deepEqual(parseSrcset('a.png,, b.png'), [
    { url: 'a.png', descriptors: '' },
    { url: 'b.png', descriptors: '' },
  ]);
  assert.deepEqual(parseSrcset('a.png (x, y) 1x, b.png'), [
    { url: 'a.png', descriptors: '(x, y) 1x' },
    { url: 'b.png', descriptors: '' },
  ]);
  assert.equal(formatSrcset(parseSrcset('a.png 1x,b.png 2x')), 'a.png 1x, b.png 2x');
});
