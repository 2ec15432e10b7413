import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readFeedStatus, recordNextChecks } from './feed-status.ts';
import { openStore } from './open-store.ts';
import { SqliteDatabase } from './sqlite-driver.ts';

const dir = mkdtempSync(join(tmpdir(), 'feedmill-status-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a missing database means no feed ran yet (and it is not created)', () => {
  const path = join(dir, 'none.db');
  assert.deepEqual(readFeedStatus(path), []);
  assert.deepEqual(readFeedStatus(path), []);
});

test('reads success, failure and post counts per feed', () => {
  const path = join(dir, 'state.db');
  const store = openStore(path);
  const good = store.feed('https://good.example/feed');
  store.recordSuccess(
    good.id,
    [
      {
        key: 'a',
        contentHash: 'h',
        postPath: 'x/a.md',
        firstSeen: '2026-01-01T00:00:00Z',
        published: '2026-01-01T00:00:00Z',
      },
      {
        key: 'b',
        contentHash: 'h',
        postPath: 'x/b.md',
        firstSeen: '2026-01-01T00:00:00Z',
        published: '2026-01-01T00:00:00Z',
      },
    ],
    { validators: {} },
  );
  const bad = store.feed('https://bad.example/feed');
  store.recordFailure(bad.id, 'FETCH_TIMEOUT', 'no answer in 20 s');
  store.recordFailure(bad.id, 'FETCH_TIMEOUT', 'no answer in 20 s');
  store.close();
  const status = readFeedStatus(path);
  assert.equal(status.length, 2);
  const [badStatus, goodStatus] = status;
  assert.deepEqual(badStatus, {
    url: 'https://bad.example/feed',
    lastErrorCode: 'FETCH_TIMEOUT',
    lastErrorMessage: 'no answer in 20 s',
    consecutiveFailures: 2,
    posts: 0,
  });
  assert.equal(goodStatus!.posts, 2);
  assert.ok(goodStatus!.lastSuccess && !Number.isNaN(Date.parse(goodStatus!.lastSuccess)));
});

test('a schema without the optional columns still reads', () => {
  const path = join(dir, 'old.db');
  const db = new SqliteDatabase(path);
  db.exec(`CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT NOT NULL);
    CREATE TABLE items (feed_id INTEGER, key TEXT);
    INSERT INTO feeds (url) VALUES ('https://x.example/');
    INSERT INTO items VALUES (1, 'k');`);
  db.close();
  assert.deepEqual(readFeedStatus(path), [{ url: 'https://x.example/', consecutiveFailures: 0, posts: 1 }]);
});

test('watch records next checks by feed address; unknown addresses are ignored', () => {
  const path = join(dir, 'state.db');
  recordNextChecks(
    path,
    new Map([
      ['https://good.example/feed', new Date('2026-12-02T10:30:00Z')],
      ['https://unknown.example/', new Date('2026-12-02T10:30:00Z')],
    ]),
  );
  const status = readFeedStatus(path);
  assert.equal(status.length, 2);
  assert.equal(
    status.find((feed) => feed.url === 'https://good.example/feed')!.nextCheck,
    '2026-12-02T10:30:00.000Z',
  );
  recordNextChecks(join(dir, 'missing.db'), new Map([['x', new Date()]]));
  assert.ok(!existsSync(join(dir, 'missing.db')));
});
