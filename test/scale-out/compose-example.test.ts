import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/index.ts';
import { REPO_ROOT } from '../support/hexo-site.ts';

const FOLDER = join(REPO_ROOT, 'examples', 'scale-out');

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  volumes?: string[];
}

test('the compose example: PostgreSQL, a scheduler, N workers, one writer and a static host', () => {
  const compose = parse(readFileSync(join(FOLDER, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };
  const { postgres, scheduler, worker, writer, static: host } = compose.services;
  assert.match(postgres?.image ?? '', /^postgres:\d+/);
  assert.deepEqual(scheduler?.command, ['npx', 'feedmill', 'worker', '--schedule']);
  assert.deepEqual(worker?.command, ['npx', 'feedmill', 'worker']);
  assert.ok((worker?.deploy?.replicas ?? 0) > 1, 'several workers');
  assert.equal(writer?.deploy?.replicas, 1, 'one writer per site');
  assert.match(writer?.command?.join(' ') ?? '', /feedmill publish --generate/);
  for (const service of [scheduler, worker, writer]) {
    // The merge key gave every feedmill service the state URL and the wait for the database.
    assert.match(
      service?.environment?.FEEDMILL_STATE_URL ?? '',
      /^postgres:\/\/feedmill:\$\{FEEDMILL_DB_PASSWORD/,
    );
    assert.equal(service?.depends_on?.postgres?.condition, 'service_healthy');
  }
  assert.match(host?.image ?? '', /^nginx:/);
  assert.ok(host?.volumes?.some((volume) => volume.startsWith('./site/public:')));
});

test("the example's feedmill.yml takes the PostgreSQL URL from the environment", () => {
  const file = join(FOLDER, 'feedmill.yml');
  const loaded = parseConfig(readFileSync(file, 'utf8'), file, {
    FEEDMILL_STATE_URL: 'postgres://feedmill:secret@postgres:5432/feedmill',
  });
  assert.deepEqual(loaded.state, {
    kind: 'postgres',
    url: 'postgres://feedmill:secret@postgres:5432/feedmill',
  });
  assert.throws(() => parseConfig(readFileSync(file, 'utf8'), file, {}), /FEEDMILL_STATE_URL is not set/);
});
