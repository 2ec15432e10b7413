import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { CACHE_DIR_ENV } from './cache-dir.ts';
import { type ConfigCache, configCacheFor, loadConfigCached } from './config-cache.ts';
import { parseConfig } from './load-config.ts';

const work = mkdtempSync(join(tmpdir(), 'feedmill-config-cache-'));
after(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;

/** A config file in a folder of its own, with a cache of its own. */
function setUp(text: string) {
  const folder = join(work, String(folders++));
  mkdirSync(folder);
  const file = join(folder, 'feedmill.yml');
  writeFileSync(file, text);
  const cache: ConfigCache = { dir: join(folder, 'cache'), build: 'build-1' };
  const entryFolder = join(cache.dir, 'config');
  const entries = () =>
    existsSync(entryFolder) ? readdirSync(entryFolder).map((name) => join(entryFolder, name)) : [];
  return { file, cache, entries };
}

// Most of what a config can say, so that a cached config must survive JSON as it is.
const RICH = `hexo: site
timezone: Asia/Shanghai
rsshub:
  instances: [https://rsshub.example, { url: "https://own.example", key: secret, concurrency: 2 }]
  category_labels: { sina: 新浪 }
keep: { max_items_per_feed: 200, max_age_days: 30.5 }
filter:
  exclude: [广告, "/^\\\\[AD\\\\]/"]
images: local
http: { per_host: 4 }
fsync: false
feeds:
  - url: rsshub:/sina/finance/china
    name: sina
    limit: 20
    rsshub: { limit: 5, filter: "a|b", brief: 200 }
    filter:
      include: [{ regex: "^(rust|go)$", fields: [category] }]
      max_age_days: 7
  - url: https://example.org/feed.xml
    categories: [News, Example]
    author: Someone
    full_text: true
    images: hotlink
`;

test('a second load of the same text comes from the cache, equal to a validated one', async () => {
  const { file, cache, entries } = setUp(RICH);
  const first = await loadConfigCached(file, {}, cache);
  assert.equal(entries().length, 1, 'the validated config is kept');
  const second = await loadConfigCached(file, {}, cache);
  assert.deepEqual(second, first);
  assert.deepEqual(second, parseConfig(RICH, file, {}));
  assert.ok(Object.isFrozen(second.config.feeds[1]));
  // The entry is what a hit returns: changed behind feedmill's back, the change shows.
  const [entry] = entries();
  const kept = JSON.parse(readFileSync(entry!, 'utf8')) as {
    key: string;
    config: { feeds: { limit: number }[] };
  };
  kept.config.feeds[0]!.limit = 99;
  writeFileSync(entry!, JSON.stringify(kept));
  assert.equal((await loadConfigCached(file, {}, cache)).config.feeds[0]?.limit, 99);
});

test('an edited config, or another build, is validated again', async () => {
  const { file, cache, entries } = setUp('feeds:\n  - url: https://a.example/f.xml\n    limit: 3\n');
  await loadConfigCached(file, {}, cache);
  const [entry] = entries();
  const kept = JSON.parse(readFileSync(entry!, 'utf8')) as { config: { feeds: { limit: number }[] } };
  kept.config.feeds[0]!.limit = 99;
  writeFileSync(entry!, JSON.stringify(kept));
  writeFileSync(file, 'feeds:\n  - url: https://a.example/f.xml\n    limit: 4\n');
  assert.equal((await loadConfigCached(file, {}, cache)).config.feeds[0]?.limit, 4);
  assert.equal(entries().length, 1, 'one entry per config file');
  writeFileSync(entry!, JSON.stringify(kept));
  writeFileSync(file, 'feeds:\n  - url: https://a.example/f.xml\n    limit: 3\n');
  const other = await loadConfigCached(file, {}, { ...cache, build: 'build-2' });
  assert.equal(other.config.feeds[0]?.limit, 3);
});

test('the environment applies afresh to a cached config', async () => {
  const { file, cache } = setUp('state: { url_env: DB }\nfeeds:\n  - url: https://a.example/f.xml\n');
  const env = { DB: 'postgres://u:p@db/one', FEEDMILL_RSSHUB_INSTANCES: 'https://ci.example' };
  const first = await loadConfigCached(file, env, cache);
  assert.deepEqual(first.config.rsshub.instances, ['https://ci.example', 'https://rsshub.app']);
  const second = await loadConfigCached(file, { DB: 'postgres://u:p@db/two' }, cache);
  assert.deepEqual(second.config.rsshub.instances, ['https://rsshub.app']);
  assert.deepEqual(second.state, { kind: 'postgres', url: 'postgres://u:p@db/two' });
  await assert.rejects(loadConfigCached(file, {}, cache), /DB is not set/);
});

test('an invalid config is reported as without a cache and is not kept', async () => {
  const { file, cache, entries } = setUp('feeds:\n  - url: ""\n');
  await assert.rejects(
    loadConfigCached(file, {}, cache),
    (error) =>
      error instanceof FeedmillError &&
      error.code === 'CONFIG_INVALID' &&
      /feeds\[0\]\.url/.test(error.message),
  );
  assert.equal(entries().length, 0);
});

test('the entry is private to its owner; a damaged one is replaced', async () => {
  const { file, cache, entries } = setUp(RICH);
  await loadConfigCached(file, {}, cache);
  const [entry] = entries();
  assert.equal(statSync(entry!).mode & 0o077, 0, 'no access for group or others');
  writeFileSync(entry!, '{"key": ');
  assert.equal((await loadConfigCached(file, {}, cache)).config.feeds.length, 2);
  assert.doesNotThrow(() => JSON.parse(readFileSync(entry!, 'utf8')));
});

test('a cache that cannot be written is no error', async () => {
  const { file, cache } = setUp(RICH);
  writeFileSync(cache.dir, 'a file where the folder should be');
  assert.equal((await loadConfigCached(file, {}, cache)).config.feeds.length, 2);
});

test('where the cache is: FEEDMILL_CACHE_DIR, XDG_CACHE_HOME, ~/.cache; none from sources', () => {
  assert.equal(configCacheFor({}, undefined), undefined);
  assert.equal(configCacheFor({}), undefined, 'tests run from sources: no build fingerprint');
  assert.deepEqual(configCacheFor({ [CACHE_DIR_ENV]: '/c' }, 'b'), { dir: '/c', build: 'b' });
  assert.equal(configCacheFor({ [CACHE_DIR_ENV]: '' }, 'b'), undefined);
  assert.equal(configCacheFor({ XDG_CACHE_HOME: '/x' }, 'b')?.dir, '/x/feedmill');
  assert.match(configCacheFor({ XDG_CACHE_HOME: 'relative' }, 'b')?.dir ?? '', /\/\.cache\/feedmill$/);
});
