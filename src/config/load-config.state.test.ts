import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { parseConfig } from './load-config.ts';

const feeds = 'feeds:\n  - url: f.xml\n';

test('state: a file path is the SQLite database, relative to the config', () => {
  const loaded = parseConfig(`state: data/s.db\n${feeds}`, '/work/conf/feedmill.yml');
  assert.deepEqual(loaded.state, { kind: 'sqlite', path: '/work/conf/data/s.db' });
  assert.deepEqual(parseConfig(feeds, '/site/feedmill.yml').state, {
    kind: 'sqlite',
    path: '/site/.feedmill/state.db',
  });
});

test('state: a postgres:// URL, given or named by an environment variable', () => {
  const given = parseConfig(`state: postgresql://feedmill@db.example/news\n${feeds}`, '/site/feedmill.yml');
  assert.deepEqual(given.state, { kind: 'postgres', url: 'postgresql://feedmill@db.example/news' });
  assert.equal(given.statePath, '/site/.feedmill/state.db');
  const named = parseConfig(`state: { url_env: FEEDMILL_STATE_URL }\n${feeds}`, '/site/feedmill.yml', {
    FEEDMILL_STATE_URL: 'postgres://feedmill:secret@db.example/news',
  });
  assert.deepEqual(named.state, { kind: 'postgres', url: 'postgres://feedmill:secret@db.example/news' });
});

test('state: an unset or non-PostgreSQL environment variable is a config error naming it', () => {
  const reject = (env: Record<string, string>) => {
    try {
      parseConfig(`state: { url_env: STATE_URL }\n${feeds}`, '/site/feedmill.yml', env);
    } catch (error) {
      assert.ok(error instanceof FeedmillError && error.code === 'CONFIG_INVALID');
      return error.message;
    }
    assert.fail('expected a config error');
  };
  assert.match(reject({}), /state\.url_env: the environment variable STATE_URL is not set/);
  assert.match(reject({ STATE_URL: '/tmp/x.db' }), /STATE_URL does not hold a postgres:\/\//);
});
