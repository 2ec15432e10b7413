import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { openStore } from '../store/index.ts';
import { commitFeed, createPostWriter, type PostWriter } from './apply-writes.ts';
import { hashContent, type PlannedWrite } from './plan-writes.ts';

const planned = (key: string, content: string): PlannedWrite => ({
  kind: 'create',
  relativePath: `C/${key}.md`,
  content: Buffer.from(content),
  record: {
    key,
    contentHash: hashContent(content),
    postPath: `C/${key}.md`,
    firstSeen: '2026-12-01T00:00:00.000Z',
    published: '2026-12-01T00:00:00.000Z',
  },
});

test('the writer replaces files atomically and leaves no temporary file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-write-'));
  try {
    const writer = createPostWriter(root);
    await writer.write('A/b.md', Buffer.from('one'));
    await writer.write('A/b.md', Buffer.from('two'));
    await writer.flush();
    assert.equal(readFileSync(join(root, 'A', 'b.md'), 'utf8'), 'two');
    assert.deepEqual(readdirSync(join(root, 'A')), ['b.md']);
    await assert.rejects(writer.write('../escape.md', Buffer.from('x')), /outside/);
    // Folder A is known to be inside now: a name that is a dot segment still gets the full check.
    await assert.rejects(writer.write('A/..', Buffer.from('x')), /outside/);
    await assert.rejects(writer.write('A/../..', Buffer.from('x')), /outside/);
    await assert.rejects(writer.write('A/../../escape.md', Buffer.from('x')), /outside/);
    await writer.write('A/../c.md', Buffer.from('three'));
    assert.equal(readFileSync(join(root, 'c.md'), 'utf8'), 'three');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('on a disk whose fsyncs wait, the writer fsyncs every file and folder, on the pool once one waited', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-write-'));
  try {
    let clock = 0n;
    const synced: string[] = [];
    const writer = createPostWriter(root, {
      fsync: true,
      fsyncCalls: {
        now: () => clock,
        inline() {
          synced.push('inline');
          clock += 5_000_000n;
        },
        async pooled() {
          synced.push('pooled');
        },
      },
    });
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const name of names) await writer.write(`A/${name}.md`, Buffer.from(name));
    await writer.flush();
    assert.deepEqual(synced, ['inline', 'inline', 'inline', 'pooled', 'pooled', 'pooled']);
    assert.deepEqual(
      readdirSync(join(root, 'A')).sort(),
      names.map((name) => `${name}.md`),
    );
    assert.equal(readFileSync(join(root, 'A', 'c.md'), 'utf8'), 'c');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a disk-full failure mid-feed advances no state; validators stay unsaved and the journal remains', async () => {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  const written: string[] = [];
  const writer: PostWriter = {
    async write(relativePath) {
      if (relativePath.endsWith('b.md')) {
        throw new FeedmillError(
          'WRITE_FAILED',
          `cannot write /site/${relativePath}: the disk is full (ENOSPC)`,
          {
            path: `/site/${relativePath}`,
          },
        );
      }
      written.push(relativePath);
    },
    async remove() {},
    async flush() {},
  };
  await assert.rejects(
    commitFeed({ writer, store }, feed.id, [planned('a', 'A'), planned('b', 'B')], {
      validators: { etag: '"1"' },
    }),
    (error: unknown) => error instanceof FeedmillError && error.context.path === '/site/C/b.md',
  );
  assert.deepEqual(written, ['C/a.md']);
  assert.equal(store.countItems(), 0);
  assert.equal(store.feed('f').etag, undefined);
  assert.equal(store.pendingChanges().length, 2, 'repair settles them at the next start');
  store.close();
});

test('a committed feed records every row and its validators in one go', async () => {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  const writer: PostWriter = { async write() {}, async remove() {}, async flush() {} };
  await commitFeed({ writer, store }, feed.id, [planned('a', 'A')], { validators: { etag: '"1"' } });
  assert.equal(store.countItems(), 1);
  assert.equal(store.feed('f').etag, '"1"');
  assert.deepEqual(store.pendingChanges(), []);
  store.close();
});

test('rows the state already holds as they are are not written again', async () => {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  const writer: PostWriter = { async write() {}, async remove() {}, async flush() {} };
  const first = planned('a', 'A');
  await commitFeed({ writer, store }, feed.id, [first], { validators: {} });
  const written: string[] = [];
  const counting: typeof store = {
    ...store,
    recordSuccess(feedId, records, update) {
      written.push(...records.map((record) => record.key));
      store.recordSuccess(feedId, records, update);
    },
  };
  const same: PlannedWrite = {
    kind: 'unchanged',
    relativePath: first.relativePath,
    record: first.record,
    recorded: true,
  };
  await commitFeed({ writer, store: counting }, feed.id, [same, planned('b', 'B')], {
    validators: { etag: '"2"' },
  });
  assert.deepEqual(written, ['b']);
  assert.equal(store.countItems(), 2);
  assert.equal(store.feed('f').etag, '"2"', 'the success itself is recorded');
  store.close();
});

test('a file where a post folder belongs is WRITE_FAILED naming that file and the cause', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-write-'));
  try {
    writeFileSync(join(root, 'News'), 'not a folder');
    const writer = createPostWriter(root);
    for (const path of ['News/site/a.md', 'News/a.md']) {
      await assert.rejects(writer.write(path, Buffer.from('x')), (error: unknown) => {
        assert.ok(error instanceof FeedmillError);
        assert.equal(error.code, 'WRITE_FAILED');
        assert.match(
          error.message,
          new RegExp(
            `^cannot create the folder .*News.*: ${join(root, 'News')} is a file, not a folder \\(ENOTDIR\\)`,
          ),
        );
        assert.doesNotMatch(error.message, /ENOENT/);
        return true;
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder that cannot be created is WRITE_FAILED naming it and its read-only parent', async () => {
  const root = mkdtempSync(join(tmpdir(), 'feedmill-write-'));
  try {
    // Tests run as root, whom permissions do not stop: the read-only disk is played here.
    const writer = createPostWriter(root, {
      fsync: false,
      makeFolder: (path) => {
        throw Object.assign(new Error(`EACCES: permission denied, mkdir '${path}'`), { code: 'EACCES' });
      },
    });
    await assert.rejects(writer.write('News/site/a.md', Buffer.from('x')), (error: unknown) => {
      assert.ok(error instanceof FeedmillError);
      assert.equal(error.code, 'WRITE_FAILED');
      assert.equal(
        error.message,
        `cannot create the folder ${join(root, 'News')}: permission denied: ${root} is not writable (EACCES); ` +
          'nothing was recorded, the next run completes the work',
      );
      return true;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
