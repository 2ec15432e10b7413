import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore, SqliteDatabase } from '../store/index.ts';
import { openCatalogueCache } from './catalogue-cache.ts';

test('the cache lives in the state database, round-trips a catalogue and treats a damaged row as a miss', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feedmill-cache-'));
  try {
    const path = join(dir, '.feedmill', 'state.db');
    const cache = openCatalogueCache(path);
    assert.equal(cache.read(), undefined);
    const catalogue = {
      source: 'https://r.example/api/namespace',
      loadedAt: '2026-12-01T00:00:00.000Z',
      routes: [
        {
          namespace: 'a',
          namespaceName: 'A',
          path: '/a/b',
          name: 'B',
          categories: ['blog'],
          parameters: {},
          maintainers: [],
        },
      ],
    };
    cache.write(catalogue);
    assert.deepEqual(cache.read(), catalogue);
    cache.close();
    const db = new SqliteDatabase(path);
    db.prepare("UPDATE rsshub_catalogue SET routes = '{oops'").run();
    db.close();
    // The store opens the same database with the catalogue in it.
    openStore(path).close();
    const reopened = openCatalogueCache(path);
    assert.equal(reopened.read(), undefined);
    reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
