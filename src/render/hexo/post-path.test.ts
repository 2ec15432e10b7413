import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeSegment } from '../safe-segment.ts';
import { postFileName, postFolder } from './post-path.ts';

test('reserved device names get a suffix, also with an extension', () => {
  for (const name of ['CON', 'con', 'nul', 'COM1', 'lpt9', 'aux.txt', 'PRN .md', 'CONIN$', 'com¹']) {
    assert.notEqual(safeSegment(name).toLowerCase(), name.toLowerCase(), name);
    assert.doesNotMatch(safeSegment(name), /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i, name);
  }
  assert.equal(safeSegment('console'), 'console');
});

test('forbidden, control, bidi and zero-width characters never reach the file system', () => {
  const name = safeSegment('a/b\\c:d*e?f"g<h>i|j\u0000k\u202el\u200bm\ufeffn\u2066o');
  assert.doesNotMatch(name, /[/\\:*?"<>|\u0000-\u001f\u202e\u200b\ufeff\u2066]/);
  assert.match(name, /^a.b.c.d.e.f.g.h.i.jklmno$/u);
});

test('no leading . or _ (Hexo skips them), no trailing dot, space, ~ or %', () => {
  assert.equal(safeSegment('.hidden'), 'hidden');
  assert.equal(safeSegment('_draft'), 'draft');
  assert.equal(safeSegment('..'), 'untitled');
  assert.equal(safeSegment('name. ~'), 'name');
  assert.equal(safeSegment('100%'), '100％');
  assert.equal(safeSegment('   '), 'untitled');
});

test('NFC, at most 200 UTF-8 bytes, no split character, stable', () => {
  assert.equal(safeSegment('e\u0301'), '\u00e9');
  const long = '中'.repeat(100);
  const cut = safeSegment(long);
  assert.ok(Buffer.byteLength(cut) <= 200);
  assert.equal(cut, '中'.repeat(66));
  assert.equal(safeSegment(long), cut);
  const file = postFileName('😀'.repeat(80), 'abcdef12');
  assert.ok(Buffer.byteLength(file) <= 200);
  assert.match(file, /-abcdef12\.md$/);
});

test('path traversal cannot leave source/_posts', () => {
  const folder = postFolder(['..', '../..', 'a/../../b', '/etc']);
  for (const segment of folder.split('/')) {
    assert.notEqual(segment, '..');
    assert.notEqual(segment, '.');
    assert.notEqual(segment, '');
  }
  assert.equal(folder.split('/').length, 4);
  assert.doesNotMatch(postFileName('../../../etc/passwd'), /[/\\]|^\./);
});

test('file names follow the shown title: parser text, angle brackets full-width', () => {
  assert.equal(postFileName('Bold & more'), 'Bold-&-more.md');
  assert.equal(postFileName('Why <blink> died'), 'Why-\uff1cblink\uff1e-died.md');
});
