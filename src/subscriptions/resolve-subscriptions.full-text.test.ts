import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { resolveSubscriptions } from './resolve-subscriptions.ts';

function resolve(yaml: string) {
  const loaded = parseConfig(yaml, '/site/feedmill.yml');
  return resolveSubscriptions(loaded);
}

test('full_text: a feed value wins over the top level, false turns it off', () => {
  const [plain, own, off, rule] = resolve(`
rsshub: { instances: [https://hub.example] }
full_text: true
feeds:
  - url: https://a.example/feed.xml
  - url: https://b.example/feed.xml
    full_text: { selector: "article .content", remove: [".ad"] }
  - url: https://c.example/feed.xml
    full_text: false
  - url: rsshub:/x/y
    categories: [A]
`);
  assert.deepEqual(plain!.fullText, { kind: 'page', remove: [] });
  assert.deepEqual(own!.fullText, { kind: 'page', selector: 'article .content', remove: ['.ad'] });
  assert.equal(off!.fullText, undefined);
  assert.deepEqual(rule!.fullText, { kind: 'page', remove: [] });
});

test('full_text: rsshub asks every instance for mode=fulltext and fetches no pages', () => {
  const [route, page] = resolve(`
rsshub: { instances: [https://hub.example, { url: https://two.example, key: k }] }
full_text: rsshub
feeds:
  - rsshub: { route: /zhihu/daily, limit: 5 }
    categories: [A]
  - url: https://a.example/feed.xml
`);
  assert.deepEqual(route!.fullText, { kind: 'rsshub' });
  assert.deepEqual(
    route!.locations.map((location) => (location.kind === 'http' ? location.url : '')),
    [
      'https://hub.example/zhihu/daily?limit=5&mode=fulltext',
      'https://two.example/zhihu/daily?limit=5&mode=fulltext&key=k',
    ],
  );
  // Its state stays under the configured url.
  assert.equal(route!.source, 'rsshub:/zhihu/daily');
  // A top-level rsshub means page extraction for feeds RSSHub does not serve.
  assert.deepEqual(page!.fullText, { kind: 'page', remove: [] });
});

test('full_text: rsshub on a plain feed and a bad selector are configuration errors naming the path', () => {
  assert.throws(
    () => resolve('feeds:\n  - url: https://a.example/feed.xml\n    full_text: rsshub\n'),
    (error: unknown) =>
      error instanceof FeedmillError &&
      error.code === 'CONFIG_INVALID' &&
      /feeds\[0\]\.full_text/.test(error.message),
  );
  assert.throws(
    () => resolve('feeds:\n  - url: https://a.example/feed.xml\n    full_text: { selector: "div[" }\n'),
    (error: unknown) =>
      error instanceof FeedmillError && /feeds\[0\]\.full_text\.selector/.test(error.message),
  );
});
