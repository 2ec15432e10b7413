import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from '../errors.ts';
import { type Catalogue, routeCategories } from './catalogue.ts';
import { findRoute, searchRoutes } from './find-route.ts';
import { readNamespaceApi } from './read-namespace-api.ts';

const json: unknown = JSON.parse(
  readFileSync(new URL('../../test/rsshub/fixtures/namespace.json', import.meta.url), 'utf8'),
);

function catalogue(): Catalogue {
  return { source: 'test', loadedAt: '2026-01-01T00:00:00.000Z', routes: readNamespaceApi(json, []) };
}

test("today's metadata gives /sina/finance/china its category, site and name", () => {
  const route = findRoute(catalogue(), '/sina/finance/china')!;
  assert.equal(route.path, '/sina/finance/china/:lid?');
  assert.deepEqual(routeCategories(route, { lang: 'zh' }), ['传统媒体', '新浪', '财经－国內']);
  assert.deepEqual(routeCategories(route, { lang: 'en' }), ['Traditional media', '新浪', '财经－国內']);
  assert.equal(route.url, 'https://sina.com.cn');
  assert.deepEqual(route.maintainers, ['yubinbai']);
});

test('popular is skipped in favour of the first other category', () => {
  const ranking = findRoute(catalogue(), '/bilibili/ranking/0/3')!;
  assert.deepEqual(routeCategories(ranking, { lang: 'zh' }), ['二次元', '哔哩哔哩 bilibili', '排行榜']);
  const trending = findRoute(catalogue(), '/github/trending/daily/javascript')!;
  assert.deepEqual(routeCategories(trending, { lang: 'en' }), ['Programming', 'GitHub', 'Trending']);
});

test('the user map overrides a label', () => {
  const route = findRoute(catalogue(), '/cls/telegraph')!;
  assert.deepEqual(routeCategories(route, { lang: 'zh', overrides: { finance: '财经' } })[0], '财经');
});

test('lookup prefers the exact pattern, then the most specific match, and misses cleanly', () => {
  const all = catalogue();
  assert.equal(findRoute(all, '/github/issue/:user/:repo/:state?/:labels?')!.name, 'Repo Issues');
  assert.equal(findRoute(all, '/github/issue/a/b')!.name, 'Repo Issues');
  assert.equal(findRoute(all, 'sina/finance/china/')!.name, '财经－国內');
  assert.equal(findRoute(all, '/sina/finance'), undefined);
  assert.equal(findRoute(all, '/nope/route'), undefined);
  assert.equal(all.routes.length, 34);
});

test('search matches names, sites and paths case-insensitively', () => {
  const names = searchRoutes(catalogue(), '新浪').map((route) => route.path);
  assert.ok(names.includes('/sina/finance/china/:lid?'));
  assert.equal(searchRoutes(catalogue(), 'HACKER').length, 1);
});

test('unusable entries become diagnostics; a non-object document is an error', () => {
  const diagnostics: Diagnostic[] = [];
  const routes = readNamespaceApi(
    { a: 'oops', b: { name: 'B', routes: { '/x': { name: 3 }, '/y': { name: 'Y', categories: ['blog'] } } } },
    diagnostics,
  );
  assert.deepEqual(
    routes.map((route) => route.path),
    ['/b/y'],
  );
  assert.equal(diagnostics.length, 2);
  assert.throws(() => readNamespaceApi([], []), TypeError);
  assert.throws(() => readNamespaceApi('x', []), TypeError);
});

test('a route without categories takes its namespace’s, as RSSHub files it', () => {
  // RSSHub (scripts/workflow/build-docs.ts): route.categories || namespace.categories ||
  // [the first category of any route of the namespace] || ['other'].
  const routes = readNamespaceApi(
    {
      nhk: {
        name: 'NHK',
        url: 'www3.nhk.or.jp',
        categories: ['traditional-media'],
        routes: { '/news/:lang?': { path: '/news/:lang?', name: 'News' } },
      },
      mixed: {
        name: 'Mixed',
        routes: {
          '/a': { path: '/a', name: 'A' },
          '/b': { path: '/b', name: 'B', categories: ['blog', 'popular'] },
        },
      },
    },
    [],
  );
  const byPath = new Map(routes.map((route) => [route.path, route]));
  assert.deepEqual(byPath.get('/nhk/news/:lang?')!.categories, ['traditional-media']);
  assert.deepEqual(routeCategories(byPath.get('/nhk/news/:lang?')!, { lang: 'en' })[0], 'Traditional media');
  assert.deepEqual(byPath.get('/mixed/a')!.categories, ['blog']);
  assert.deepEqual(byPath.get('/mixed/b')!.categories, ['blog', 'popular']);
});

test("a route's own url wins over its namespace's", () => {
  const [route] = readNamespaceApi(
    {
      caixin: {
        name: '财新',
        url: 'caixin.com',
        routes: { '/weekly': { path: '/weekly', name: '财新周刊', url: 'weekly.caixin.com/' } },
      },
    },
    [],
  );
  assert.equal(route!.url, 'https://weekly.caixin.com/');
});

test("RSSHub's Chinese names file a route in Chinese, its other languages are searchable", () => {
  const document = {
    minecraft: {
      name: 'Minecraft',
      zh: { name: '我的世界' },
      routes: {
        '/news': {
          name: 'Latest articles',
          categories: ['game'],
          zh: { name: 'Minecraft 最近新闻' },
          ja: { name: '最新ニュース' },
          'zh-TW': { name: 'Latest articles' },
        },
        '/updates': { name: 'Updates', categories: ['game'], zh: 'not an object' },
      },
    },
  };
  const diagnostics: Diagnostic[] = [];
  const all: Catalogue = {
    source: 'test',
    loadedAt: '2026-01-01T00:00:00.000Z',
    routes: readNamespaceApi(document, diagnostics),
  };
  assert.deepEqual(diagnostics, []);
  const news = findRoute(all, '/minecraft/news')!;
  assert.deepEqual(routeCategories(news, { lang: 'zh' }), ['游戏', '我的世界', 'Minecraft 最近新闻']);
  assert.deepEqual(routeCategories(news, { lang: 'en' }), ['Gaming', 'Minecraft', 'Latest articles']);
  // A translation equal to the English name adds nothing.
  assert.deepEqual(news.translations, {
    zh: { site: '我的世界', route: 'Minecraft 最近新闻' },
    ja: { route: '最新ニュース' },
  });
  const updates = findRoute(all, '/minecraft/updates')!;
  assert.deepEqual(routeCategories(updates, { lang: 'zh' }), ['游戏', '我的世界', 'Updates']);
  assert.deepEqual(
    searchRoutes(all, '最新ニュース').map((route) => route.path),
    ['/minecraft/news'],
  );
  assert.equal(searchRoutes(all, '我的世界').length, 2);
  // The names survive the catalogue cache's JSON.
  const cached = JSON.parse(JSON.stringify(news)) as typeof news;
  assert.deepEqual(routeCategories(cached, { lang: 'zh' }), routeCategories(news, { lang: 'zh' }));
});
