import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';
import { openStore } from './open-store.ts';

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
    const db = new Database(join(folder, 'state.db'));
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
    const db = new Database(path);
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
    const db = new Database(path);
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
    const db = new Database(join(folder, 'state.db'));
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
  store.recordSuccess(feed.id, [record('a')], {
    validators: { etag: '"1"' },
    movedTo: 'https://y.test/feed',
  });
  assert.deepEqual(store.pendingChanges(), []);
  assert.equal(store.countItems(), 1);
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
