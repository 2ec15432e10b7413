import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item } from '../model.ts';
import type { ItemProcessor, ProcessContext } from './item-processor.ts';
import { runProcessors } from './run-processors.ts';

const item = (key: string): Item => ({
  key,
  title: key,
  html: '',
  published: new Date(0),
  publishedKnown: true,
  authors: [],
  tags: [],
});

test('processors run in order, each on what the previous kept', async () => {
  const seen: string[] = [];
  const drop: ItemProcessor = {
    name: 'drop-b',
    process: (items) => items.filter((one) => one.key !== 'b'),
  };
  const mark: ItemProcessor = {
    name: 'mark',
    async process(items) {
      seen.push(...items.map((one) => one.key));
      return items.map((one) => ({ ...one, title: `${one.title}!` }));
    },
  };
  const out = await runProcessors([item('a'), item('b'), item('c')], [drop, mark], {} as ProcessContext);
  assert.deepEqual(seen, ['a', 'c']);
  assert.deepEqual(
    out.map((one) => one.title),
    ['a!', 'c!'],
  );
});
