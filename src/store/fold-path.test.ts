import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldPath } from './fold-path.ts';

test('paths that one case- or normalization-insensitive file name would hold fold alike', () => {
  assert.equal(foldPath('News/Hello.md'), foldPath('news/HELLO.md'));
  assert.equal(foldPath('Ünïcode/ÄÖ.md'), foldPath('ünïcode/äö.md'));
  // NFD (as macOS hands out names) and NFC spellings of é.
  assert.equal(foldPath('caf\u0065\u0301.md'), foldPath('caf\u00e9.md'));
  assert.equal(foldPath('ΣΟΦΟΣ.md'), foldPath('σοφος.md'));
  assert.equal(foldPath('straße.md'), foldPath('STRASSE.md'));
  assert.notEqual(foldPath('a/b.md'), foldPath('a/c.md'));
  assert.equal(foldPath('金融/新浪财经.md'), '金融/新浪财经.md');
});
