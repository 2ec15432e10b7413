import { after, before } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/index.ts';
import { skipUnlessPostgres, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { describeStoreContract } from './store-contract.ts';

const skip = skipUnlessPostgres();
let server: TestPostgres | undefined;
let databases = 0;

before(async () => {
  if (!skip) server = await startPostgres();
});
after(async () => {
  await server?.stop();
});

describeStoreContract(
  'PostgreSQL',
  async () => {
    // One database per test: each starts from an empty, freshly migrated state.
    // Unique on a shared server too (FEEDMILL_TEST_POSTGRES_URL), and dropped afterwards.
    const name = `contract_${process.pid}_${++databases}`;
    const admin = new pg.Client({ connectionString: server!.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server!.connectionString);
    url.pathname = `/${name}`;
    const open = () => openPostgresStore({ connectionString: url.toString() });
    const store = await open();
    return {
      store,
      another: open,
      async dispose() {
        await store.close();
        const client = new pg.Client({ connectionString: server!.connectionString });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  },
  skip,
);
