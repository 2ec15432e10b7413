import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../../../test/support/postgres.ts';
import { FeedmillError } from '../../errors.ts';
import { maskConnectionString } from './mask-connection-string.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { openPostgresStore } from './open-postgres-store.ts';

const skip = skipUnlessPostgres();
let server: TestPostgres | undefined;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => {
  await server?.stop();
});

test('a connection string is printed without its password', () => {
  assert.equal(
    maskConnectionString('postgres://feedmill:s3cret@db.example:5432/news'),
    'postgres://feedmill:***@db.example:5432/news',
  );
  assert.equal(maskConnectionString('host=db password=s3cret'), 'the PostgreSQL state');
});

test('opening migrates once, also when several processes open at the same time', { skip }, async () => {
  const stores = await Promise.all(
    [1, 2, 3].map(() => openPostgresStore({ connectionString: server!.connectionString })),
  );
  try {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: server!.connectionString });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM feedmill_schema');
    await client.end();
    assert.deepEqual(rows, [{ version: POSTGRES_MIGRATIONS.length }]);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
});

test('the store keeps working after PostgreSQL restarts', {
  skip:
    skip || (!process.env.FEEDMILL_TEST_POSTGRES_URL ? false : 'skipped: a given server is not restarted'),
}, async () => {
  const store = await openPostgresStore({ connectionString: server!.connectionString });
  try {
    const { id } = await store.feed('https://restart.example/feed');
    await server!.restart!();
    // The pooled connections were cut; the pool opens new ones.
    await store.recordFailure(id, 'FETCH_TIMEOUT', 'timed out');
    assert.equal((await store.feed('https://restart.example/feed')).consecutiveFailures, 1);
  } finally {
    await store.close();
  }
});

test('a failure names the state with its password masked', { skip }, async () => {
  const url = new URL(server!.connectionString);
  url.password = 'wrong-secret';
  url.pathname = '/no_such_database';
  await assert.rejects(openPostgresStore({ connectionString: url.toString() }), (error: unknown) => {
    assert.ok(error instanceof FeedmillError && error.code === 'STATE_FAILED');
    assert.match(
      error.message,
      /cannot open the state database postgres:\/\/postgres:\*\*\*@localhost\/no_such_database/,
    );
    assert.doesNotMatch(error.message, /wrong-secret/);
    return true;
  });
});
