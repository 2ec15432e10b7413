import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detachStrings } from './detach-strings.ts';

test('a detached copy keeps values, structure, dates and other objects', () => {
  const date = new Date('2026-12-07T10:00:00Z');
  const map = new Map([['k', 'v']]);
  const value = {
    title: 'Ünïcode 标题 and ASCII',
    empty: '',
    count: 3,
    missing: undefined,
    published: date,
    tags: ['a', 'bb', 'a longer tag than thirteen characters'],
    nested: { authors: [{ name: 'N', url: 'mailto:n@example.org' }] },
    map,
  };
  const copy = detachStrings(value);
  assert.deepEqual(copy, value);
  assert.notEqual(copy, value);
  assert.notEqual(copy.nested, value.nested);
  assert.notEqual(copy.tags, value.tags);
  assert.equal(copy.published, date);
  assert.equal(copy.map, map);
  assert.ok('missing' in copy);
});

test('a detached substring no longer keeps its document alive', async () => {
  // Strings cannot be weakly referenced: the heap after full collections tells.
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const base = used();
  const slices: string[] = [];
  for (let round = 0; round < 20; round++) {
    // A flat 1 MB document, as a decoder hands one over, and a title sliced out of it.
    const document = `${'y'.repeat(1_000_000)}${round}`.split('').join('');
    slices.push(document.slice(10, 40));
  }
  const withViews = used() - base;
  const detached = detachStrings(slices);
  slices.length = 0;
  const withCopies = used() - base;
  assert.deepEqual(
    detached,
    Array.from({ length: 20 }, () => 'y'.repeat(30)),
  );
  // The 20 documents (20 MB) go once only the copies are kept.
  assert.ok(withViews - withCopies > 15_000_000, `${withViews} → ${withCopies} bytes`);
});
