import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { openStore } from './open-store.ts';
import { exportStateLines, importStateLines } from './state-lines.ts';

const record = (key: string) => ({
  key,
  contentHash: `hash-${key}`,
  postPath: `C/${key}.md`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-11-30T00:00:00.000Z',
});

test('an export is sorted JSON lines and imports back to the same export', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lines-'));
  try {
    const path = join(folder, 'state.db');
    const store = openStore(path, { fsync: false });
    // Created out of order: the export sorts feeds by url and items by key.
    const second = store.feed('https://z.example/feed', 'zed');
    const first = store.feed('rsshub:/a/route');
    store.recordSuccess(second.id, [record('b'), record('a')], {
      validators: { etag: '"e1"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT' },
    });
    store.recordSuccess(first.id, [record('c')], { validators: {} });
    store.recordFailure(first.id, 'FETCH_HTTP_STATUS', 'answered 500', new Date('2026-12-02T00:00:00Z'));
    store.beginPrune([{ ...record('a'), feedId: second.id }], new Date('2026-12-03T00:00:00Z'));
    store.clearPending([{ feedId: second.id, key: 'a' }]);
    store.close();

    const lines = exportStateLines(path);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(parsed[0], { feedmill_state: 1 });
    assert.deepEqual(
      parsed.slice(1).map((line) => [line.type, line.url ?? line.feed, line.key]),
      [
        ['feed', 'https://z.example/feed', undefined],
        ['feed', 'rsshub:/a/route', undefined],
        ['item', 'https://z.example/feed', 'b'],
        ['item', 'rsshub:/a/route', 'c'],
        ['pruned', 'https://z.example/feed', 'a'],
      ],
    );
    assert.equal(parsed[1]?.etag, '"e1"');
    assert.equal(parsed[1]?.name, 'zed');
    assert.equal(parsed[2]?.consecutive_failures, 1);
    assert.equal(parsed[2]?.next_check, '2026-12-02T00:00:00.000Z');
    assert.equal(parsed[2]?.last_error_code, 'FETCH_HTTP_STATUS');

    const copy = join(folder, 'copy.db');
    assert.deepEqual(importStateLines(lines, copy, 'state.jsonl'), { feeds: 2, items: 2, pruned: 1 });
    assert.deepEqual(exportStateLines(copy), lines);
    const imported = openStore(copy);
    const feed = imported.findFeed('https://z.example/feed')!;
    assert.equal(feed.etag, '"e1"');
    assert.deepEqual([...imported.items(feed.id).keys()], ['b']);
    assert.deepEqual([...imported.prunedKeys(feed.id)], ['a']);
    assert.ok(imported.isPathTaken('c/B.MD'), 'folded paths are rebuilt');
    imported.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a finished feed's status and next check survive an export and import (a CI cache miss)", () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lines-'));
  try {
    const path = join(folder, 'state.db');
    const store = openStore(path, { fsync: false });
    const { id } = store.feed('https://done.example/feed.json');
    store.recordSuccess(id, [record('a')], {
      validators: {},
      finished: true,
      nextCheck: new Date('2026-12-02T00:00:00Z'),
    });
    store.close();
    const lines = exportStateLines(path);
    const feed = JSON.parse(lines[1]!) as Record<string, unknown>;
    assert.deepEqual([feed.status, feed.next_check], ['finished', '2026-12-02T00:00:00.000Z']);
    const copy = join(folder, 'copy.db');
    importStateLines(lines, copy, 'state.jsonl');
    const imported = openStore(copy);
    const row = imported.findFeed('https://done.example/feed.json')!;
    assert.deepEqual([row.status, row.nextCheck], ['finished', '2026-12-02T00:00:00.000Z']);
    imported.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a bad line is a USAGE error naming the file and line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-lines-'));
  try {
    const header = '{"feedmill_state":1}';
    const feed = '{"type":"feed","url":"u"}';
    for (const [lines, message] of [
      [['{"x":1}'], /^in\.jsonl:1: not a feedmill state export/],
      [[header, 'nope'], /^in\.jsonl:2: not a JSON line/],
      [[header, '{"type":"item","feed":"u","key":"k"}'], /^in\.jsonl:2: "post_path" must be a string/],
      [[header, '{"type":"pruned","feed":"missing","key":"k","pruned_at":"t"}'], /not listed before it/],
      [[header, feed, feed], /^in\.jsonl:3: UNIQUE constraint failed/],
      [[header, '{"type":"other"}'], /unknown type "other"/],
    ] as const) {
      const target = join(folder, `${Math.random()}.db`);
      assert.throws(
        () => importStateLines(lines, target, 'in.jsonl'),
        (error: unknown) =>
          error instanceof FeedmillError && error.code === 'USAGE' && message.test(error.message),
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
