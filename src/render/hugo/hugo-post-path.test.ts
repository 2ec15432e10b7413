import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hugoPostFileName, hugoPostFolder, hugoSegment } from './hugo-post-path.ts';

test('names keep only what Hugo keeps in a URL, spaces as hyphens', () => {
  assert.equal(
    hugoPostFileName('中俄元首年内再度视频会晤 传递这些重要信息'),
    '中俄元首年内再度视频会晤-传递这些重要信息.html',
  );
  assert.equal(hugoPostFileName('a: b C++ #1 100% <x>'), 'a-b-C++-1-100-x.html');
  assert.equal(hugoPostFolder(['金融', '新浪财经－国內', 'C#']), '金融/新浪财经国內/C');
});

test('an index title never makes a page bundle; an empty name is untitled', () => {
  assert.equal(hugoPostFileName('Index'), 'Index-post.html');
  assert.equal(hugoPostFileName('_index'), 'index-post.html');
  assert.equal(hugoPostFileName('index', 'abcd1234'), 'index-post-abcd1234.html');
  assert.equal(hugoPostFileName('!!!'), 'untitled.html');
});

test('long titles stay within 200 bytes with the suffix', () => {
  const name = hugoPostFileName('長'.repeat(300), 'abcd1234');
  assert.ok(Buffer.byteLength(name) <= 200, name);
  assert.ok(name.endsWith('-abcd1234.html'));
  assert.equal(hugoSegment(' .hidden '), 'hidden');
  assert.equal(hugoSegment('- a - b -'), 'a-b');
});
