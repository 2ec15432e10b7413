import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from '../errors.ts';
import { routeCategories } from './catalogue.ts';
import { readDocsPage } from './read-docs-page.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/rsshub/fixtures/${name}`, import.meta.url), 'utf8');

test('a v1 page gives /sina/finance exactly the seed categories', () => {
  const diagnostics: Diagnostic[] = [];
  const routes = readDocsPage(fixture('docs-v1/finance.md'), diagnostics);
  const sina = routes.find((route) => route.path === '/sina/finance');
  assert.ok(sina);
  assert.deepEqual(routeCategories(sina, { lang: 'zh' }), ['金融', '新浪财经', '新浪财经－国內']);
  assert.deepEqual(routeCategories(sina, { lang: 'en' }), ['Finance', '新浪财经', '新浪财经－国內']);
  assert.deepEqual(routeCategories(sina, { lang: 'zh', overrides: { finance: '财经' } })[0], '财经');
  assert.equal(sina.example, '/sina/finance');
  assert.deepEqual(sina.categories, ['finance']);
  assert.deepEqual(diagnostics, []);
});

test('v1: headings and routes inside code fences are ignored, a route without example is kept', () => {
  const routes = readDocsPage(fixture('docs-v1/finance.md'), []);
  assert.deepEqual(
    routes.map((route) => route.path),
    [
      '/cls/telegraph/:category?',
      '/sina/finance',
      '/sina/finance/stock/usstock/:cids?/:type?',
      '/eastmoney/report/:category',
      '/xueqiu/user/:id/:type?',
    ],
  );
  const report = routes.find((route) => route.namespace === 'eastmoney')!;
  assert.equal(report.example, undefined);
  assert.deepEqual(routeCategories(report, { lang: 'zh' }), ['金融', '东方财富', '研究报告']);
  // The multi-line tag sits under `### 美股`, after the fenced `### 不是路由`.
  const us = routes.find((route) => route.name === '美股')!;
  assert.equal(us.namespaceName, '新浪财经');
  // A <Badge> in a heading is not part of the site name.
  assert.equal(routes.at(-1)!.namespaceName, '雪球');
  assert.deepEqual(routes[0]!.maintainers, ['nczitzk']);
});

test('a v2 page reads the JSON data and the site heading', () => {
  const diagnostics: Diagnostic[] = [];
  const routes = readDocsPage(fixture('docs-v2/traditional-media.md'), diagnostics);
  assert.deepEqual(
    routes.map((route) => route.path),
    ['/sina/finance/china/:lid?', '/sina/rollnews/:lid?', '/bbc/:site?/:channel?'],
  );
  const china = routes[0]!;
  assert.deepEqual(routeCategories(china, { lang: 'zh' }), ['传统媒体', '新浪', '财经－国內']);
  assert.deepEqual(routeCategories(china, { lang: 'en' }), ['Traditional media', '新浪', '财经－国內']);
  assert.equal(china.example, '/sina/finance/china');
  assert.equal(china.parameters.lid, '分区，见下表，默认为国内滚动');
  assert.equal(routes[2]!.parameters.site, 'language, default: world');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /broken/);
});

test('a heading without text and an unknown category heading are coped with', () => {
  const routes = readDocsPage('# Misc\n\n##\n\n<Route path="/x/y" example="/x/y" />\n', []);
  assert.equal(routes.length, 1);
  assert.deepEqual(routeCategories(routes[0]!, { lang: 'zh' }), ['Misc', 'x', '/x/y']);
});

test('a v2 tag without namespace is skipped with a diagnostic', () => {
  const diagnostics: Diagnostic[] = [];
  assert.deepEqual(readDocsPage(`<Route :data='{"path":"/x","name":"X"}' />`, diagnostics), []);
  assert.match(diagnostics[0]!.message, /namespace/);
});

test('a v2 route without categories is filed under its page’s heading, icon and all', () => {
  // RSSHub's docs build heads each page `# <icon> <label>` and lists there the routes of that
  // category, whose :data keeps no categories when only their namespace names them.
  const page = [
    '# 📰 Traditional media',
    '',
    '## NHK <Site url="www3.nhk.or.jp"/>',
    '',
    '### News <Site url="www3.nhk.or.jp" size="sm" />',
    '',
    `<Route namespace="nhk" :data='{"path":"/news/:lang?","name":"News","example":"/nhk/news/en","maintainers":["x"],"location":"news.ts"}' :test='undefined' />`,
    '',
  ].join('\n');
  const [route] = readDocsPage(page, []);
  assert.deepEqual(route!.categories, ['traditional-media']);
  assert.deepEqual(routeCategories(route!, { lang: 'zh' }), ['传统媒体', 'NHK', 'News']);
});
