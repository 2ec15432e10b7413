import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../../../test/support/postgres.ts';
import type { AsyncStore } from '../async-store.ts';
import { openPostgresImages, type PostgresImages } from './open-postgres-images.ts';
import { openPostgresStore } from './open-postgres-store.ts';

const skip = skipUnlessPostgres();
let server: TestPostgres | undefined;
let store: AsyncStore;
let images: PostgresImages;
let client: pg.Client;

before(async () => {
  if (skip) return;
  server = await startPostgres();
  store = await openPostgresStore({ connectionString: server.connectionString });
  images = await openPostgresImages(server.connectionString);
  client = new pg.Client({ connectionString: server.connectionString });
  await client.connect();
});
after(async () => {
  await client?.end();
  await images?.close();
  await store?.close();
  await server?.stop();
});

const NOW = new Date('2026-12-07T10:00:00Z');
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

/** Makes every row of the image tables older than the grace period. */
async function ageEverything(): Promise<void> {
  await client.query(`UPDATE image_files SET stored_at = now() - interval '7 hours'`);
  await client.query(`UPDATE image_uses SET recorded_at = now() - interval '7 hours'`);
  await client.query(`UPDATE image_posts SET recorded_at = now() - interval '7 hours'`);
}

test('a worker stores a copy and its records; the writer takes the bytes once', { skip }, async () => {
  const feed = await store.feed('https://feeds.example/a.xml');
  assert.equal(await images.copies.has('a.png'), false);
  await images.copies.put('a.png', bytes('first'));
  // Content-addressed: a second put of the name keeps the first bytes.
  await images.copies.put('a.png', bytes('other'));
  await images.ledger.recordFile('https://img.example/a.png', 'a.png', NOW);
  await images.ledger.recordRefusal('https://img.example/page.png', 'image-not-an-image', NOW);
  await images.ledger.recordUses({ source: feed.url }, 'item-1', ['a.png']);
  assert.equal(await images.copies.has('a.png'), true);
  assert.deepEqual(await images.ledger.find('https://img.example/a.png'), { kind: 'file', file: 'a.png' });
  assert.deepEqual(await images.ledger.find('https://img.example/page.png'), {
    kind: 'refused',
    code: 'image-not-an-image',
    checkedAt: NOW.toISOString(),
  });
  assert.equal(await images.ledger.find('https://img.example/none.png'), undefined);

  assert.deepEqual(await images.unwritten(), ['a.png']);
  assert.equal(Buffer.from((await images.bytesOf('a.png'))!).toString(), 'first');
  await images.markWritten(['a.png']);
  assert.deepEqual(await images.unwritten(), []);
  assert.deepEqual(await images.written(), ['a.png']);
  assert.equal(await images.bytesOf('a.png'), undefined);
  // The site holds it: a worker still finds the copy.
  assert.equal(await images.copies.has('a.png'), true);
  // A row taken up lately is only read: finding it again writes nothing.
  const storedAt = async () =>
    (
      await client.query<{ at: Date }>("SELECT stored_at AS at FROM image_files WHERE file = 'a.png'")
    ).rows[0]!.at.getTime();
  const before = await storedAt();
  assert.equal(await images.copies.has('a.png'), true);
  assert.equal(await storedAt(), before);
});

test('garbage: only files unused past the grace period go, with their URLs', { skip }, async () => {
  await client.query('TRUNCATE images, image_files, image_uses, image_posts, items, feeds CASCADE');
  const feed = await store.feed('https://feeds.example/b.xml');
  for (const name of ['used.png', 'dead.png', 'young.png', 'orphan.png'])
    await images.copies.put(name, bytes(name));
  await images.ledger.recordFile('https://img.example/used.png', 'used.png', NOW);
  await images.ledger.recordFile('https://img.example/dead.png', 'dead.png', NOW);
  // A post published with used.png; dead.png's post is gone (no item row, nothing waiting).
  await store.insertItems(feed.id, [
    {
      key: 'live',
      contentHash: 'h',
      postPath: 'b/live.md',
      firstSeen: NOW.toISOString(),
      published: NOW.toISOString(),
    },
  ]);
  await images.ledger.recordUses({ id: feed.id }, 'live', ['used.png']);
  await images.ledger.recordUses({ id: feed.id }, 'gone', ['dead.png']);
  // Everything young: a job may be between storing a copy and saving its posts.
  await images.ledger.dropDeadUses();
  const uses = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM image_uses');
  assert.equal(uses.rows[0]!.count, 2, 'young uses are never taken for dead ones');
  assert.deepEqual(await images.forgetUnused(), []);

  await ageEverything();
  // young.png is taken up by a worker now (has refreshes it), as a job about to use it would.
  assert.equal(await images.copies.has('young.png'), true);
  await images.ledger.dropDeadUses();
  assert.deepEqual(await images.ledger.unusedFiles(), ['dead.png', 'orphan.png']);
  assert.deepEqual(await images.forgetUnused(), ['dead.png', 'orphan.png']);
  assert.equal(await images.ledger.find('https://img.example/dead.png'), undefined);
  assert.deepEqual(await images.ledger.find('https://img.example/used.png'), {
    kind: 'file',
    file: 'used.png',
  });
  assert.equal(await images.copies.has('dead.png'), false);
  assert.equal(await images.copies.has('used.png'), true);
  assert.equal(await images.copies.has('young.png'), true);
});

test('a post waiting for the writer keeps its files alive', { skip }, async () => {
  await client.query('TRUNCATE images, image_files, image_uses, image_posts, items, feeds CASCADE');
  const feed = await store.feed('https://feeds.example/c.xml');
  await images.copies.put('waiting.png', bytes('waiting'));
  await images.ledger.recordFile('https://img.example/waiting.png', 'waiting.png', NOW);
  await images.ledger.recordUses({ id: feed.id }, 'rendered', ['waiting.png']);
  await client.query(
    `INSERT INTO rendered_posts (feed_id, key, position, folder, file_name, unique_file_name, content,
       first_seen, published, rendered_at)
     VALUES ($1, 'rendered', 0, 'c', 'p.md', 'p-1.md', 'x', $2, $2, now())`,
    [feed.id, NOW.toISOString()],
  );
  await ageEverything();
  await images.ledger.dropDeadUses();
  assert.deepEqual(await images.forgetUnused(), []);
  assert.equal(await images.ledger.hasFiles(), true);
});
