import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instanceUrl } from './instances.ts';
import { withRouteQuery } from './route-query.ts';

test('query parameters are appended in a fixed order, values encoded', () => {
  assert.equal(
    withRouteQuery('/github/issue/a/b', { mode: 'fulltext', limit: 5, filter: 'Blue|黄', sorted: false }),
    '/github/issue/a/b?filter=Blue%7C%E9%BB%84&limit=5&sorted=false&mode=fulltext',
  );
  assert.equal(withRouteQuery('/a', undefined), '/a');
  assert.equal(withRouteQuery('/a', {}), '/a');
});

test('a configured parameter replaces one written into the route; others are kept', () => {
  assert.equal(withRouteQuery('/a?limit=3&x=1', { limit: 10 }), '/a?limit=10&x=1');
});

test('the route query reaches every instance, the access key added last by the instance', () => {
  const route = withRouteQuery('/zhihu/daily', { filterout: 'ad', opencc: 's2t' });
  assert.equal(
    instanceUrl({ url: 'https://rss.example.org/hub/', key: 'k&y' }, route),
    'https://rss.example.org/hub/zhihu/daily?filterout=ad&opencc=s2t&key=k%26y',
  );
  assert.equal(
    instanceUrl({ url: 'http://127.0.0.1:1200' }, route),
    'http://127.0.0.1:1200/zhihu/daily?filterout=ad&opencc=s2t',
  );
});

test('scihub is sent only when on: RSSHub takes any value, "false" too, as on', () => {
  // lib/middleware/parameter.ts: `if (ctx.req.query('scihub'))` links each item to Sci-Hub.
  assert.equal(withRouteQuery('/nature/research', { scihub: true }), '/nature/research?scihub=true');
  assert.equal(withRouteQuery('/nature/research', { scihub: false }), '/nature/research');
  assert.equal(withRouteQuery('/nature/research?scihub=1', { scihub: false }), '/nature/research');
});
