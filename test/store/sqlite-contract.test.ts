import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncFromSqlite, openStore } from '../../src/store/index.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'feedmill-contract-'));
  const path = join(folder, 'state.db');
  const open = () => asyncFromSqlite(openStore(path, { fsync: false }), path);
  const store = open();
  return {
    store,
    another: async () => open(),
    async dispose() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
