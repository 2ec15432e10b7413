import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { openStore } from './open-store.ts';
import { SqliteDatabase } from './sqlite-driver.ts';

const record = (key: string, hash = 'h') => ({
  key,
  contentHash: hash,
  postPath: `C/${key}.md`,
  firstSeen: '2026-12-01T00:00:00.000Z',
  published: '2026-11-30T00:00:00.000Z',
});

test('a fresh database is in WAL mode at the latest schema version', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    openStore(join(folder, 'state.db')).close();
    const db = new SqliteDatabase(join(folder, 'state.db'));
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    db.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a version-1 database keeps its rows when migrated', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    const db = new SqliteDatabase(path);
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO feeds (url, etag) VALUES ('u', '\"e\"')").run();
    db.prepare("INSERT INTO items VALUES (1, 'k', 'h', 'C/k.md', 'f', 'p')").run();
    db.close();
    const store = openStore(path);
    const feed = store.feed('u');
    assert.deepEqual(feed, { id: 1, url: 'u', etag: '"e"', status: 'active', consecutiveFailures: 0 });
    assert.equal(store.items(1).get('k')?.postPath, 'C/k.md');
    // Migration 4's folded paths are filled in for rows written before it.
    assert.ok(store.isPathTaken('c/K.MD'));
    assert.ok(!store.isPathTaken('c/j.md'));
    store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a journalled write from before migration 4 is folded too', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    const db = new SqliteDatabase(path);
    for (const migration of MIGRATIONS.slice(0, 3)) db.exec(migration);
    db.pragma('user_version = 3');
    db.prepare("INSERT INTO feeds (url) VALUES ('u')").run();
    db.prepare("INSERT INTO pending_writes VALUES (1, 'k', 'write', 'Café/Ä.md', 'h', 'f', 'p')").run();
    db.close();
    const store = openStore(path);
    assert.ok(store.isPathTaken('CAFE\u0301/ä.md'));
    store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a database from a newer feedmill is refused', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const db = new SqliteDatabase(join(folder, 'state.db'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    assert.throws(() => openStore(join(folder, 'state.db')), /newer than this feedmill/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('success saves rows and validators together and clears the journal; failures count up', () => {
  const store = openStore(':memory:');
  const feed = store.feed('https://x.test/feed');
  store.beginWrites(feed.id, [record('a')]);
  assert.equal(store.pendingChanges().length, 1);
  assert.ok(store.isPathTaken('C/A.md'), 'journalled paths are taken, whatever their case');
  assert.ok(!store.isPathTaken('c/b.md'));
  assert.deepEqual(
    store.takenAmong(['c/b.md', 'C/A.MD', 'c/a.md']),
    new Set(['c/a.md']),
    'one query, folded',
  );
  assert.deepEqual(store.takenAmong([]), new Set());
  store.recordSuccess(feed.id, [record('a')], {
    validators: { etag: '"1"' },
    movedTo: 'https://y.test/feed',
  });
  assert.deepEqual(store.pendingChanges(), []);
  assert.equal(store.countItems(), 1);
  assert.deepEqual(store.takenAmong(['C/a.md', 'c/b.md']), new Set(['c/a.md']), 'item rows hold their paths');
  const saved = store.feed('https://x.test/feed');
  assert.equal(saved.etag, '"1"');
  assert.equal(saved.redirectedUrl, 'https://y.test/feed');
  store.recordFailure(feed.id, 'FETCH_FAILED', 'down', new Date('2030-01-01T00:00:00Z'));
  store.recordFailure(feed.id, 'FETCH_FAILED', 'down', new Date('2030-01-02T00:00:00Z'));
  const failing = store.feed('https://x.test/feed');
  assert.equal(failing.consecutiveFailures, 2);
  assert.equal(failing.nextCheck, '2030-01-02T00:00:00.000Z');
  assert.equal(failing.lastErrorCode, 'FETCH_FAILED');
  store.recordNotModified(feed.id);
  const recovered = store.feed('https://x.test/feed');
  assert.equal(recovered.consecutiveFailures, 0);
  assert.equal(recovered.nextCheck, undefined);
  assert.equal(recovered.etag, '"1"', 'a 304 keeps the validators');
  store.markGone(feed.id, 'gone');
  assert.equal(store.feed('https://x.test/feed').status, 'gone');
  store.close();
});

test('pruning deletes rows, leaves tombstones and journals the deletions', () => {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  store.recordSuccess(feed.id, [record('a'), record('b')], { validators: {} });
  store.beginPrune([{ ...record('a'), feedId: feed.id }], new Date());
  assert.deepEqual([...store.items(feed.id).keys()], ['b']);
  assert.deepEqual([...store.prunedKeys(feed.id)], ['a']);
  assert.equal(store.pendingChanges()[0]?.action, 'delete');
  store.clearPending([{ feedId: feed.id, key: 'a' }]);
  assert.deepEqual(store.pendingChanges(), []);
  store.close();
});

test('a failed database write is a STATE_FAILED error naming the database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    const store = openStore(path);
    const feed = store.feed('f');
    store.close();
    assert.throws(
      () => store.recordSuccess(feed.id, [], { validators: {} }),
      (error: unknown) =>
        error instanceof Error &&
        (error as { code?: string }).code === 'STATE_FAILED' &&
        error.message.includes(path),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Writes random bytes over part of a database file, as a failing disk or a stray write would. */
function damage(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, randomBytes(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

/** A database with enough rows to span many pages. */
function filledDatabase(path: string): void {
  const store = openStore(path, { fsync: false });
  for (let feed = 0; feed < 20; feed++) {
    const { id } = store.feed(`https://example.test/${feed}.xml`);
    store.recordSuccess(
      id,
      Array.from({ length: 40 }, (_unused, index) => record(`k-${feed}-${index}-${'x'.repeat(60)}`)),
      { validators: {} },
    );
  }
  store.close();
}

test('a damaged database (header or a middle page) is STATE_FAILED saying how to rebuild it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    filledDatabase(path);
    const pages = statSync(path).size / 4096;
    const original = readFileSync(path);
    for (const [offset, length] of [
      [100, 4096 - 100],
      [Math.floor(pages / 2) * 4096, 4096],
      [(pages - 2) * 4096, 4096],
    ] as const) {
      writeFileSync(path, original);
      damage(path, offset, length);
      assert.throws(
        () => openStore(path).close(),
        (error: unknown) =>
          error instanceof FeedmillError &&
          error.code === 'STATE_FAILED' &&
          error.message.startsWith(`the state database ${path} is damaged (`) &&
          error.message.includes('run `feedmill state rebuild`'),
        `damage at ${offset}`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a store says whether the database records nothing yet (state lost, or a run killed early)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    filledDatabase(path);
    const found = openStore(path);
    assert.equal(found.fresh, false);
    found.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    const created = openStore(path);
    assert.equal(created.fresh, true);
    assert.equal(created.countItems(), 0);
    // Killed mid-adoption: the transaction never committed, so the database still records nothing.
    assert.throws(() =>
      created.atomically(() => {
        created.insertItems(created.feed('f').id, [record('a')]);
        throw new Error('killed');
      }),
    );
    created.close();
    const reopened = openStore(path);
    assert.equal(reopened.fresh, true);
    reopened.feed('f');
    reopened.close();
    const used = openStore(path);
    assert.equal(used.fresh, false);
    used.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('adoption rows: inserted once, renamed to the real key, merged into another feed', () => {
  const store = openStore(':memory:');
  const feed = store.feed('f');
  const inserted = store.insertItems(feed.id, [record('p1'), record('p2'), record('p1', 'other')]);
  assert.deepEqual(
    inserted.map((row) => row.key),
    ['p1', 'p2'],
  );
  store.renameItems(feed.id, [{ from: 'p1', to: 'real-1' }]);
  assert.deepEqual([...store.items(feed.id).keys()].sort(), ['p2', 'real-1']);
  const other = store.feed('g');
  store.insertItems(other.id, [{ ...record('q'), postPath: 'D/q.md' }]);
  store.mergeFeed(other.id, feed.id);
  assert.deepEqual([...store.items(feed.id).keys()].sort(), ['p2', 'q', 'real-1']);
  assert.equal(store.findFeed('g'), undefined);
  store.close();
});

test('304 successes are written together, before any other write, a read of their feed, or close', () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-store-'));
  try {
    const path = join(folder, 'state.db');
    const store = openStore(path, { fsync: false });
    const ids = ['a', 'b', 'c'].map((name) => {
      const { id } = store.feed(name);
      store.recordFailure(id, 'FETCH_FAILED', 'down');
      return id;
    });
    // Another connection sees what is on disk, as `feedmill status` would.
    const other = new SqliteDatabase(path, { readonly: true });
    const failures = () =>
      other
        .prepare<[], { url: string; n: number }>(
          'SELECT url, consecutive_failures AS n FROM feeds ORDER BY url',
        )
        .all()
        .map((row) => `${row.url}:${row.n}`)
        .join(' ');
    store.recordNotModified(ids[0]!);
    store.recordNotModified(ids[1]!, { movedTo: 'https://moved.test/b' });
    assert.equal(failures(), 'a:1 b:1 c:1', 'held back, not one commit per 304');
    // Reading a feed with a held-back success writes what is held first: never a stale row.
    assert.equal(store.feed('a').consecutiveFailures, 0);
    assert.equal(failures(), 'a:0 b:0 c:1', 'both written in one go');
    assert.equal(store.findFeed('b')?.redirectedUrl, 'https://moved.test/b');
    // A journal entry is never held back, and a 304 before it is written first.
    store.recordNotModified(ids[2]!);
    store.beginWrites(ids[0]!, [record('x')]);
    assert.equal(failures(), 'a:0 b:0 c:0');
    assert.deepEqual(other.prepare('SELECT key FROM pending_writes').pluck().all(), ['x']);
    store.recordFailure(ids[1]!, 'FETCH_FAILED', 'down again');
    store.recordNotModified(ids[1]!);
    store.close();
    assert.equal(failures(), 'a:0 b:0 c:0', 'close writes what is held');
    other.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('journal rows and item rows keep every field where it belongs', () => {
  const store = openStore(':memory:');
  const feed = store.feed('https://x.test/feed');
  const row = {
    key: 'k',
    contentHash: 'hash-of-k',
    postPath: 'C/k.md',
    firstSeen: '2026-12-01T00:00:00.000Z',
    published: '2026-11-02T00:00:00.000Z',
  };
  store.beginWrites(feed.id, [row]);
  assert.deepEqual(store.pendingChanges(), [{ ...row, feedId: feed.id, action: 'write' }]);
  store.recordItems(feed.id, [row]);
  assert.deepEqual(store.items(feed.id).get('k'), { ...row, feedId: feed.id });
  assert.deepEqual(store.allItems(), [{ ...row, feedId: feed.id }]);
  store.beginPrune([{ ...row, feedId: feed.id }], new Date('2026-12-05T00:00:00.000Z'));
  assert.deepEqual(store.pendingChanges(), [{ ...row, feedId: feed.id, action: 'delete' }]);
  store.close();
});
