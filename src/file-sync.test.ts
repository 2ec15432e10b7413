import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createFileSync, type FsyncCalls, SLOW_FSYNC_NS, SLOW_FSYNCS_IN_A_ROW } from './file-sync.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-file-sync-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Fake fsyncs: each inline call takes the next of `durations` (ns) on the fake clock. */
function fakeCalls(durations: bigint[]): FsyncCalls & { log: string[] } {
  let clock = 0n;
  const log: string[] = [];
  return {
    log,
    now: () => clock,
    inline(fd) {
      log.push(`inline ${fd}`);
      clock += durations.shift() ?? 0n;
    },
    async pooled(fd) {
      log.push(`pooled ${fd}`);
    },
  };
}

test('fsyncs stay on the main thread while they return at once, a descheduled one aside', () => {
  const slow = SLOW_FSYNC_NS + 1n;
  const calls = fakeCalls([1_000n, slow, 2_000n, slow, slow, 3_000n, SLOW_FSYNC_NS]);
  const sync = createFileSync(calls);
  for (let fd = 11; fd <= 18; fd++) assert.equal(sync.file(fd), undefined);
  assert.equal(calls.log.length, 8);
  assert.ok(calls.log.every((entry) => entry.startsWith('inline')));
});

test('after a few fsyncs in a row that waited, every later one goes to the thread pool', async () => {
  assert.equal(SLOW_FSYNCS_IN_A_ROW, 3);
  const slow = SLOW_FSYNC_NS + 1n;
  const calls = fakeCalls([1_000n, slow, slow, slow]);
  const sync = createFileSync(calls);
  for (let fd = 11; fd <= 14; fd++) assert.equal(sync.file(fd), undefined);
  const pooled = sync.file(15);
  assert.ok(pooled instanceof Promise);
  await pooled;
  await sync.folder(dir);
  assert.deepEqual(calls.log.slice(0, 5), ['inline 11', 'inline 12', 'inline 13', 'inline 14', 'pooled 15']);
  assert.match(calls.log[5]!, /^pooled \d+$/, 'the folder too');
});

test('a folder is opened, fsynced and closed; one that is gone is no error', async () => {
  const inline = fakeCalls([]);
  const sync = createFileSync(inline);
  assert.equal(sync.folder(dir), undefined);
  assert.match(inline.log[0]!, /^inline \d+$/);
  assert.equal(sync.folder(join(dir, 'gone')), undefined);
  const slow = fakeCalls([SLOW_FSYNC_NS * 2n, SLOW_FSYNC_NS * 2n, SLOW_FSYNC_NS * 2n]);
  const pooled = createFileSync(slow);
  for (const fd of [20, 21, 22]) pooled.file(fd);
  await pooled.folder(join(dir, 'gone'));
  assert.deepEqual(slow.log, ['inline 20', 'inline 21', 'inline 22']);
});

test('the real calls fsync a file and a folder', async () => {
  const sync = createFileSync();
  const fd = openSync(join(dir, 'post.md'), 'w');
  try {
    await sync.file(fd);
  } finally {
    closeSync(fd);
  }
  await sync.folder(dir);
  // An fsync's failure (here a descriptor already closed) reaches the writer.
  assert.throws(() => createFileSync().file(fd), { code: 'EBADF' });
});
