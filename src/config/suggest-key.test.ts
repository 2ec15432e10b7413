import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configSchema } from './schema.ts';
import { editDistance, knownKeysAt, suggestKey } from './suggest-key.ts';

test('edit distance counts a swap of neighbours once', () => {
  assert.equal(editDistance('catagories', 'categories'), 1);
  assert.equal(editDistance('lmt', 'limit'), 2);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});

test('a close key is suggested; nothing when no key is close', () => {
  const known = ['url', 'name', 'categories', 'limit', 'keep'];
  assert.equal(suggestKey('catagories', known), 'categories');
  assert.equal(suggestKey('Name', known), 'name');
  assert.equal(suggestKey('colour', known), undefined);
  assert.equal(suggestKey('key', known), undefined);
  assert.equal(suggestKey('urls', known), 'url');
});

test('known keys are read from the schema at an issue path', () => {
  assert.ok(knownKeysAt(configSchema, ['feeds', 2]).includes('categories'));
  assert.ok(knownKeysAt(configSchema, []).includes('feeds'));
  assert.ok(knownKeysAt(configSchema, ['rsshub']).includes('instances'));
  assert.deepEqual(knownKeysAt(configSchema, ['http']).sort().slice(0, 2), [
    'concurrency',
    'connect_timeout_seconds',
  ]);
  assert.deepEqual(knownKeysAt(configSchema, ['nowhere']), []);
});
