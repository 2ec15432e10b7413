import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Diagnostic } from '../../errors.ts';
import type { FilterBlock, FilterRule, FilterRules, Item, Subscription } from '../../model.ts';
import type { ItemVerdict, ProcessContext } from '../item-processor.ts';
import { createFilterProcessor } from './filter-processor.ts';
import { createRegexRunner } from './regex-runner.ts';

const runner = createRegexRunner(300);
after(() => runner.close());

const NOW = new Date('2026-12-06T12:00:00Z');

function item(key: string, fields: Partial<Item> = {}): Item {
  return {
    key,
    title: `Title ${key}`,
    html: '<p>body</p>',
    published: new Date('2026-12-06T00:00:00Z'),
    publishedKnown: true,
    authors: [],
    tags: [],
    ...fields,
  };
}

function rule(
  kind: FilterRule['kind'],
  pattern: string,
  path: string,
  fields: FilterRule['fields'] = ['title', 'content'],
): FilterRule {
  return { kind, pattern, fields, caseSensitive: false, path };
}

const block = (include: FilterRule[], exclude: FilterRule[]): FilterBlock => ({ include, exclude });

/** Runs the filter on items with a cache that lives across calls, like the store's. */
function harness(memory = new Map<string, string>()) {
  return async (rules: FilterRules, items: Item[], known: string[] = []) => {
    const diagnostics: Diagnostic[] = [];
    const verdicts: ItemVerdict[] = [];
    let judged = 0;
    const context: ProcessContext = {
      subscription: { name: 'f' } as Subscription,
      feed: { version: 'https://jsonfeed.org/version/1.1', title: 'f', items: [] },
      now: NOW,
      fetchPage: {
        get: () => Promise.reject(new Error('no pages')),
      },
      cache: {
        get: (processor, key) => memory.get(`${processor}/${key}`),
        set: (processor, key, value) => {
          judged++;
          memory.set(`${processor}/${key}`, value);
        },
      },
      known: new Set(known),
      diagnostics,
      verdicts,
    };
    const kept = await createFilterProcessor(rules, runner).process(items, context);
    return { kept: kept.map((one) => one.key), verdicts, diagnostics, judged };
  };
}

test('exclude keywords and regular expressions drop items, ignoring case, on title and content', async () => {
  const run = harness();
  const rules: FilterRules = {
    blocks: [
      block(
        [],
        [
          rule('keyword', '广告', 'filter.exclude[0]'),
          rule('regex', '^\\[sponsored\\]', 'filter.exclude[1]'),
        ],
      ),
    ],
  };
  const result = await run(rules, [
    item('a'),
    item('b', { html: '<p>这是一条广告</p>' }),
    item('c', { title: '[Sponsored] buy' }),
    item('d', { title: 'not [sponsored] at the start' }),
  ]);
  assert.deepEqual(result.kept, ['a', 'd']);
  assert.deepEqual(
    result.verdicts.filter((verdict) => !verdict.kept).map((verdict) => [verdict.key, verdict.reason]),
    [
      ['b', 'excluded by filter.exclude[0] (广告)'],
      ['c', 'excluded by filter.exclude[1] (/^\\[sponsored\\]/)'],
    ],
  );
});

test('include rules keep only matching items; every block must pass; rules look at their own fields', async () => {
  const run = harness();
  const rules: FilterRules = {
    blocks: [
      block([], [rule('keyword', 'spam', 'filter.exclude[0]')]),
      block(
        [
          rule('regex', 'rust|go', 'feeds[0].filter.include[0]', ['category']),
          rule('keyword', 'alice', 'feeds[0].filter.include[1]', ['author']),
        ],
        [rule('keyword', 'example.org/ads', 'feeds[0].filter.exclude[0]', ['link'])],
      ),
    ],
  };
  const result = await run(rules, [
    item('rust', { tags: ['Python', 'Rust'] }),
    item('alice', { authors: ['Alice B.'] }),
    item('none', { tags: ['Java'], title: 'rust in the title only' }),
    item('spam', { tags: ['Go'], title: 'Go spam' }),
    item('ad', { tags: ['Go'], url: 'https://example.org/ads/1' }),
  ]);
  assert.deepEqual(result.kept, ['rust', 'alice']);
  const reasons = Object.fromEntries(result.verdicts.map((verdict) => [verdict.key, verdict.reason]));
  assert.equal(reasons.rust, 'included by feeds[0].filter.include[0] (/rust|go/)');
  assert.equal(reasons.none, 'matches no rule of feeds[0].filter.include');
  assert.equal(reasons.spam, 'excluded by filter.exclude[0] (spam)');
  assert.equal(reasons.ad, 'excluded by feeds[0].filter.exclude[0] (example.org/ads)');
});

test('case-sensitive rules match case', async () => {
  const run = harness();
  const sensitive = { ...rule('keyword', 'AI', 'filter.exclude[0]'), caseSensitive: true };
  const result = await run({ blocks: [block([], [sensitive])] }, [
    item('upper', { title: 'AI news' }),
    item('lower', { title: 'said' }),
  ]);
  assert.deepEqual(result.kept, ['lower']);
});

test('verdicts are remembered: the same rules judge nothing again; changed rules judge the items again', async () => {
  const memory = new Map<string, string>();
  const run = harness(memory);
  const items = [item('a', { title: 'keep me' }), item('b', { title: 'drop me' })];
  const first = await run({ blocks: [block([], [rule('keyword', 'drop', 'filter.exclude[0]')])] }, items);
  assert.deepEqual(first.kept, ['a']);
  assert.equal(first.judged, 2);
  const again = await run({ blocks: [block([], [rule('keyword', 'drop', 'filter.exclude[0]')])] }, items);
  assert.deepEqual(again.kept, ['a']);
  assert.equal(again.judged, 0);
  // The same rule written elsewhere in the file is the same rule.
  const moved = await run(
    { blocks: [block([], [rule('keyword', 'drop', 'feeds[4].filter.exclude[0]')])] },
    items,
  );
  assert.equal(moved.judged, 0);
  const changed = await run({ blocks: [block([], [rule('keyword', 'keep', 'filter.exclude[0]')])] }, items);
  assert.deepEqual(changed.kept, ['b']);
  assert.equal(changed.judged, 2);
});

test('max_age_days drops old items without a post; limit keeps the first N that pass', async () => {
  const run = harness();
  const old = new Date('2026-11-01T00:00:00Z');
  const result = await run(
    { blocks: [], maxAgeDays: 7, limit: 2 },
    [
      item('old-new', { published: old }),
      item('old-posted', { published: old }),
      item('fresh-1'),
      item('fresh-2'),
    ],
    ['old-posted'],
  );
  assert.deepEqual(result.kept, ['old-posted', 'fresh-1']);
  const reasons = Object.fromEntries(result.verdicts.map((verdict) => [verdict.key, verdict.reason]));
  assert.match(reasons['old-new']!, /more than 7 days ago \(max_age_days\)/);
  assert.equal(reasons['fresh-2'], 'beyond the 2 items kept per run (limit)');
  assert.equal(result.judged, 0, 'age and limit are decided each run, not remembered');
});

test('a pathological regular expression is reported, counts as not matching, and is not remembered', async () => {
  const memory = new Map<string, string>();
  const run = harness(memory);
  const evil = rule('regex', '(a+)+$', 'feeds[2].filter.exclude[0]', ['title']);
  const result = await run({ blocks: [block([], [evil])] }, [
    item('x', { title: `${'a'.repeat(40)}!` }),
    item('y', { title: 'fine' }),
  ]);
  assert.deepEqual(result.kept, ['x', 'y']);
  assert.deepEqual(
    result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.item]),
    [
      ['filter-timeout', 'x'],
      ['filter-timeout', 'y'],
    ],
  );
  assert.match(
    result.diagnostics[0]!.message,
    /feeds\[2\]\.filter\.exclude\[0\] \(\/\(a\+\)\+\$\/\) ran longer than/,
  );
  assert.equal(memory.size, 0);
});
