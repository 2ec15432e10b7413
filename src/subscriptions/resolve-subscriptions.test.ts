import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseConfig } from '../config/index.ts';
import type { Diagnostic } from '../errors.ts';
import { type Catalogue, readNamespaceApi } from '../rsshub/index.ts';
import { needsCatalogue, resolveSubscriptions } from './resolve-subscriptions.ts';

const catalogue: Catalogue = {
  source: 'test',
  loadedAt: '2026-01-01T00:00:00.000Z',
  routes: readNamespaceApi(
    JSON.parse(readFileSync(new URL('../../test/rsshub/fixtures/namespace.json', import.meta.url), 'utf8')),
    [],
  ),
};

function resolve(yaml: string, withCatalogue = true) {
  const loaded = parseConfig(yaml, '/site/feedmill.yml');
  const warnings: Diagnostic[] = [];
  const subscriptions = resolveSubscriptions(loaded, {
    ...(withCatalogue ? { catalogue } : {}),
    onWarning: (warning) => warnings.push(warning),
  });
  return { subscriptions, warnings, config: loaded.config };
}

test('a route without categories gets [category, site, route] from the catalogue', () => {
  const { subscriptions, warnings } = resolve(`
rsshub:
  instances: [https://a.example, { url: 'https://b.example/base', key: sekrit }]
feeds:
  - url: rsshub:/sina/finance/china
`);
  const [sina] = subscriptions;
  assert.deepEqual(sina!.categories, ['传统媒体', '新浪', '财经－国內']);
  assert.equal(sina!.author, '新浪');
  assert.equal(sina!.source, 'rsshub:/sina/finance/china');
  assert.deepEqual(sina!.locations, [
    { kind: 'http', url: 'https://a.example/sina/finance/china', instance: 'https://a.example/' },
    {
      kind: 'http',
      url: 'https://b.example/base/sina/finance/china?key=sekrit',
      instance: 'https://b.example/base',
    },
  ]);
  assert.deepEqual(warnings, []);
});

test('English labels, the shorthand form, and explicit categories winning', () => {
  const { subscriptions } = resolve(`
rsshub: { lang: en, category_labels: { programming: Code } }
feeds:
  - rsshub: /sina/finance/china
  - rsshub: /github/issue/DIYgod/RSSHub
  - url: rsshub:/sina/finance/china/1686
    categories: [金融, 新浪财经, 新浪财经－国內]
`);
  assert.deepEqual(subscriptions[0]!.categories, ['Traditional media', '新浪', '财经－国內']);
  assert.deepEqual(subscriptions[1]!.categories, ['Code', 'GitHub', 'Repo Issues']);
  assert.deepEqual(subscriptions[2]!.categories, ['金融', '新浪财经', '新浪财经－国內']);
  assert.equal(subscriptions[2]!.author, '新浪财经');
});

test('a pattern without values is fetched through its example path', () => {
  const { subscriptions } = resolve(`
rsshub: { instances: [https://a.example] }
feeds:
  - url: rsshub:/github/issue/:user/:repo/:state?/:labels?
  - url: rsshub:/sina/finance/china/:lid?
`);
  assert.equal(
    subscriptions[0]!.locations[0]!.kind === 'http' && subscriptions[0]!.locations[0]!.url,
    'https://a.example/github/issue/DIYgod/RSSHub/open',
  );
  assert.deepEqual(subscriptions[0]!.categories, ['编程', 'GitHub', 'Repo Issues']);
  assert.equal(
    subscriptions[1]!.locations[0]!.kind === 'http' && subscriptions[1]!.locations[0]!.url,
    'https://a.example/sina/finance/china',
  );
});

test('a pattern with required parameters and no example is a config error', () => {
  assert.throws(
    () => resolve('feeds:\n  - url: rsshub:/github/release/:user/:repo\n'),
    (error: Error & { code?: string }) => error.code === 'CONFIG_INVALID' && /user, repo/.test(error.message),
  );
});

test('a route missing from the catalogue is warned about and left for the feed title', () => {
  const { subscriptions, warnings } = resolve('feeds:\n  - url: rsshub:/sina/finance\n    name: Sina\n');
  assert.deepEqual(subscriptions[0]!.categories, []);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.code, 'rsshub-route-unknown');
  assert.match(warnings[0]!.message, /\/sina\/finance/);
  const none = resolve('feeds:\n  - url: rsshub:/sina/finance\n', false);
  assert.deepEqual(none.warnings, []);
});

test('the catalogue is needed only for RSSHub routes lacking categories or values', () => {
  assert.equal(needsCatalogue(resolve('feeds:\n  - url: https://x.example/feed\n').config), false);
  assert.equal(needsCatalogue(resolve('feeds:\n  - url: rsshub:/a/b\n    categories: [A]\n').config), false);
  assert.equal(needsCatalogue(resolve('feeds:\n  - url: rsshub:/a/b\n').config), true);
});

test('config: instances take a URL or { url, key }; url and rsshub together are refused', () => {
  const { config } = resolve(`
rsshub:
  instances: [https://a.example, { url: https://b.example, key: k }]
feeds: [{ rsshub: /a/b }]
`);
  assert.deepEqual(config.rsshub.instances, ['https://a.example', { url: 'https://b.example', key: 'k' }]);
  assert.equal(config.rsshub.lang, 'zh');
  assert.equal(config.rsshub.catalogue_ttl_hours, 24);
  assert.equal(config.feeds[0]!.url, 'rsshub:/a/b');
  assert.throws(() => resolve('feeds: [{ url: rsshub:/a/b, rsshub: /c/d }]'), /rsshub/);
  assert.throws(
    () => resolve('rsshub: { instances: [{ url: ftp://x, key: k }] }\nfeeds: [{ url: x }]'),
    /http/,
  );
  assert.throws(() => resolve('rsshub: { lang: fr }\nfeeds: [{ url: x }]'), /lang/);
});

test('author defaults to the second category; timezone falls back to the top level, then UTC', () => {
  const { subscriptions } = resolve(
    'timezone: Asia/Shanghai\nfeeds:\n  - url: a.xml\n    categories: [金融, 新浪财经, 国内]\n  - url: b.xml\n    author: Me\n    timezone: Europe/Paris\n  - url: c.xml\n',
  );
  const [first, second] = subscriptions;
  assert.equal(first?.author, '新浪财经');
  assert.equal(first?.timezone, 'Asia/Shanghai');
  assert.equal(second?.author, 'Me');
  assert.equal(second?.timezone, 'Europe/Paris');
  assert.equal(resolve('feeds:\n  - url: c.xml\n').subscriptions[0]?.timezone, 'UTC');
});

test('http URLs, file URLs and relative paths', () => {
  const { subscriptions } = resolve(
    'feeds:\n  - url: https://example.org/feed\n  - url: file:///tmp/a.xml\n  - url: feeds/a.xml\n',
  );
  assert.deepEqual(
    subscriptions.map((subscription) => subscription.locations),
    [
      [{ kind: 'http', url: 'https://example.org/feed' }],
      [{ kind: 'file', path: '/tmp/a.xml' }],
      [{ kind: 'file', path: '/site/feeds/a.xml' }],
    ],
  );
});

test('without any catalogue a route without categories waits; explicit categories and plain URLs do not', () => {
  const loaded = parseConfig(
    `
feeds:
  - url: rsshub:/sina/finance/china
  - url: rsshub:/sina/rollnews
    categories: [News]
  - url: https://example.org/feed.xml
`,
    '/site/feedmill.yml',
  );
  const [route, explicit, plain] = resolveSubscriptions(loaded, {
    catalogueUnavailable: true,
  });
  assert.deepEqual(route!.waiting, {
    code: 'CATEGORIES_UNRESOLVED',
    message:
      'categories of rsshub:/sina/finance/china are unknown until the RSSHub catalogue can be loaded; set categories: to write now',
  });
  assert.deepEqual(route!.categories, []);
  assert.equal(explicit!.waiting, undefined);
  assert.equal(plain!.waiting, undefined);
  // A loaded catalogue that lacks the route is an answer: the feed is filed under its title.
  const { subscriptions } = resolve('feeds:\n  - url: rsshub:/nowhere/at-all\n');
  assert.equal(subscriptions[0]!.waiting, undefined);
});

test("a route pattern without values waits for the catalogue's example instead of failing the run", () => {
  const loaded = parseConfig(
    'feeds:\n  - url: rsshub:/github/issue/:user/:repo\n    categories: [Code]\n',
    '/site/feedmill.yml',
  );
  const [pattern] = resolveSubscriptions(loaded, { catalogueUnavailable: true });
  assert.equal(pattern!.waiting?.code, 'RSSHUB_CATALOGUE_UNAVAILABLE');
  assert.match(pattern!.waiting?.message ?? '', /needs the RSSHub catalogue's example path/);
  // With a catalogue loaded that has no example, it is a config error, as before.
  assert.throws(() => resolveSubscriptions(loaded, { catalogue: { ...catalogue, routes: [] } }), {
    code: 'CONFIG_INVALID',
  });
});

test('a feed’s RSSHub query parameters reach every instance, the key still added by the instance', () => {
  const { subscriptions } = resolve(`
rsshub:
  instances: [https://a.example, { url: 'https://b.example/base', key: sekrit }]
feeds:
  - url: rsshub:/sina/finance/china?limit=2
    rsshub: { limit: 5, filterout: 广告, mode: fulltext, filter_case_sensitive: false }
  - rsshub: { route: /zhihu/daily, opencc: s2t }
`);
  const [sina, zhihu] = subscriptions;
  assert.deepEqual(
    sina!.locations.map((location) => (location.kind === 'http' ? location.url : '')),
    [
      'https://a.example/sina/finance/china?limit=5&filterout=%E5%B9%BF%E5%91%8A&filter_case_sensitive=false&mode=fulltext',
      'https://b.example/base/sina/finance/china?limit=5&filterout=%E5%B9%BF%E5%91%8A&filter_case_sensitive=false&mode=fulltext&key=sekrit',
    ],
  );
  assert.equal(sina!.source, 'rsshub:/sina/finance/china?limit=2');
  assert.equal(zhihu!.source, 'rsshub:/zhihu/daily');
  assert.equal(
    zhihu!.locations[0]?.kind === 'http' ? zhihu!.locations[0].url : '',
    'https://a.example/zhihu/daily?opencc=s2t',
  );
});

test('${NAME} in a feed url is filled in from the environment in its locations only', () => {
  const yaml = `
feeds:
  - url: https://\${FEED_USER}:\${FEED_PASS}@h.example/private.xml?token=\${FEED_TOKEN}
    name: private
  - url: https://h.example/public.xml
`;
  const env = { FEED_USER: 'me', FEED_PASS: 'p4ss', FEED_TOKEN: 't0ken/1' };
  const loaded = parseConfig(yaml, '/site/feedmill.yml', env);
  const [secret, plain] = resolveSubscriptions(loaded);
  assert.deepEqual(secret!.locations, [
    { kind: 'http', url: 'https://me:p4ss@h.example/private.xml?token=t0ken/1' },
  ]);
  // The identity and the name shown stay as written.
  assert.equal(secret!.source, 'https://${FEED_USER}:${FEED_PASS}@h.example/private.xml?token=${FEED_TOKEN}');
  assert.equal(secret!.waiting, undefined);
  assert.deepEqual([...secret!.urlEnv!], Object.entries(env));
  assert.equal(plain!.urlEnv, undefined);
  assert.deepEqual(plain!.locations, [{ kind: 'http', url: 'https://h.example/public.xml' }]);
});

test('a feed whose url names an unset or empty variable waits, naming it; the others do not', () => {
  const yaml = `
feeds:
  - url: https://h.example/a.xml?token=\${A_TOKEN}&user=\${A_USER}
    name: a
  - url: https://h.example/b.xml
`;
  const [a, b] = resolveSubscriptions(parseConfig(yaml, '/site/feedmill.yml', { A_USER: '' }));
  assert.equal(a!.waiting?.code, 'URL_ENV_UNSET');
  assert.match(a!.waiting!.message, /url of a needs the environment variables A_TOKEN, A_USER/);
  assert.equal(b!.waiting, undefined);
});
