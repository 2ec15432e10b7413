import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/index.ts';
import { resolveLocations, resolveSubscriptions } from './resolve-subscriptions.ts';

test('rsshub: routes resolve against every instance in order, keeping a path prefix and query', () => {
  assert.deepEqual(
    resolveLocations('rsshub:/sina/finance?limit=5', ['https://a.example/', 'https://b.example/rss'], '/'),
    [
      { kind: 'http', url: 'https://a.example/sina/finance?limit=5' },
      { kind: 'http', url: 'https://b.example/rss/sina/finance?limit=5' },
    ],
  );
});

test('http URLs, file URLs and relative paths', () => {
  assert.deepEqual(resolveLocations('https://example.org/feed', [], '/base'), [
    { kind: 'http', url: 'https://example.org/feed' },
  ]);
  assert.deepEqual(resolveLocations('file:///tmp/a.xml', [], '/base'), [
    { kind: 'file', path: '/tmp/a.xml' },
  ]);
  assert.deepEqual(resolveLocations('feeds/a.xml', [], '/base'), [
    { kind: 'file', path: '/base/feeds/a.xml' },
  ]);
});

test('author defaults to the second category; timezone falls back to the top level, then UTC', () => {
  const loaded = parseConfig(
    'timezone: Asia/Shanghai\nfeeds:\n  - url: a.xml\n    categories: [金融, 新浪财经, 国内]\n  - url: b.xml\n    author: Me\n    timezone: Europe/Paris\n',
    '/site/feedmill.yml',
  );
  const [first, second] = resolveSubscriptions(loaded.config, loaded.file);
  assert.equal(first?.author, '新浪财经');
  assert.equal(first?.timezone, 'Asia/Shanghai');
  assert.equal(second?.author, 'Me');
  assert.equal(second?.timezone, 'Europe/Paris');
  assert.equal(parseConfig('feeds:\n  - url: c.xml\n', '/s/f.yml').config.timezone, undefined);
});
