import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth, formatTable } from './format-table.ts';

test('wide characters count two cells so columns line up', () => {
  assert.equal(displayWidth('新浪财经'), 8);
  assert.equal(displayWidth('abc'), 3);
  const table = formatTable(
    ['FEED', 'POSTS'],
    [
      ['新浪', '1'],
      ['abcdef', '22'],
    ],
  );
  assert.equal(table, 'FEED    POSTS\n新浪    1\nabcdef  22\n');
});
