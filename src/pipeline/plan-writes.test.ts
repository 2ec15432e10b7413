import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashContent, planWrites, type RenderedPost } from './plan-writes.ts';

const post = (key: string, fileName: string): RenderedPost => ({
  key,
  folder: 'C',
  fileName,
  uniqueFileName: `${fileName.replace('.md', '')}-${key}.md`,
  content: `content of ${key}`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-12-01T00:00:00.000Z',
});

/** Paths taken, counting how often each is asked about (each ask may be a database query). */
function takenSet(paths: string[]) {
  const set = new Set(paths);
  const asked = new Map<string, number>();
  return {
    asked,
    has: (path: string) => {
      asked.set(path, (asked.get(path) ?? 0) + 1);
      return set.has(path);
    },
    add: (path: string) => void set.add(path),
  };
}

test('a new post whose name is taken gets its unique name; each name is asked about once', () => {
  const taken = takenSet(['C/a.md']);
  const plan = planWrites([post('k1', 'a.md'), post('k2', 'b.md')], new Map(), taken, () => undefined);
  assert.deepEqual(
    plan.map((write) => [write.kind, write.relativePath]),
    [
      ['create', 'C/a-k1.md'],
      ['create', 'C/b.md'],
    ],
  );
  assert.deepEqual(Object.fromEntries(taken.asked), { 'C/a.md': 1, 'C/a-k1.md': 1, 'C/b.md': 1 });
});

test('the preferred names of the new posts, and only theirs, are announced in one call', () => {
  const expected: string[][] = [];
  const taken = { ...takenSet([]), expect: (paths: readonly string[]) => void expected.push([...paths]) };
  const known = new Map([
    ['k1', { key: 'k1', contentHash: 'x', postPath: 'C/a.md', firstSeen: '', published: '' }],
  ]);
  planWrites([post('k1', 'a.md'), post('k2', 'b.md')], known, taken);
  assert.deepEqual(expected, [['C/b.md']]);
});

test('a suffixed name is made only for a post whose preferred name is taken', () => {
  const made: string[] = [];
  const lazy = (key: string, fileName: string): RenderedPost => {
    const { uniqueFileName: _eager, ...rest } = post(key, fileName);
    return {
      ...rest,
      get uniqueFileName() {
        made.push(key);
        return `${fileName.replace('.md', '')}-${key}.md`;
      },
    };
  };
  const plan = planWrites([lazy('k1', 'a.md'), lazy('k2', 'b.md')], new Map(), takenSet(['C/a.md']));
  assert.deepEqual(
    plan.map((write) => write.relativePath),
    ['C/a-k1.md', 'C/b.md'],
  );
  assert.deepEqual(made, ['k1'], 'made once, for the post that needed it');
});

test('a post adopted at its unique name keeps that path', () => {
  const taken = takenSet(['C/a.md', 'C/a-k1.md']);
  const plan = planWrites([post('k1', 'a.md')], new Map(), taken, (path) =>
    path === 'C/a-k1.md'
      ? {
          key: 'k1',
          contentHash: 'old',
          postPath: path,
          firstSeen: '2026-11-01T00:00:00.000Z',
          published: '',
        }
      : undefined,
  );
  assert.deepEqual(
    plan.map((write) => [write.kind, write.relativePath, write.record.firstSeen]),
    [['update', 'C/a-k1.md', '2026-11-01T00:00:00.000Z']],
  );
});

test('when the unique name is taken too (the same item from a third feed), the first free number', () => {
  const taken = takenSet(['C/a.md', 'C/a-k1.md', 'C/a-k1-2.md', 'C/b.md', 'C/b-k2.md']);
  const plan = planWrites([post('k1', 'a.md'), post('k2', 'b.md')], new Map(), taken, () => undefined);
  assert.deepEqual(
    plan.map((write) => [write.kind, write.relativePath]),
    [
      ['create', 'C/a-k1-3.md'],
      ['create', 'C/b-k2-2.md'],
    ],
  );
  assert.equal(taken.asked.get('C/a-k1.md'), 1, 'each name is still asked about once');
});

test('an unchanged post is recorded already only when its state row says all its record does', () => {
  const same = post('k1', 'a.md');
  const row = (published: string) => ({
    key: 'k1',
    contentHash: hashContent(same.content),
    postPath: 'C/a.md',
    firstSeen: '2026-11-01T00:00:00.000Z',
    published,
  });
  const recorded = (stored: Map<string, ReturnType<typeof row>>, adopt?: () => ReturnType<typeof row>) =>
    planWrites([same], stored, takenSet(['C/a.md']), adopt).map((write) =>
      write.kind === 'unchanged' ? write.recorded : write.kind,
    );
  assert.deepEqual(recorded(new Map([['k1', row(same.published)]])), [true]);
  // Dated otherwise in the state (the same text): the row is written again.
  assert.deepEqual(recorded(new Map([['k1', row('2026-10-01T00:00:00.000Z')]])), [false]);
  // Adopted from the disk, with no row yet.
  assert.deepEqual(
    recorded(new Map(), () => row(same.published)),
    [false],
  );
});
