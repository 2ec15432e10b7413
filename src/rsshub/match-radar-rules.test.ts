import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Diagnostic } from '../errors.ts';
import { matchRadarRules, matchRadarSource } from './match-radar-rules.ts';
import { readRadarRules } from './radar-rules.ts';

// Rules written for these tests in the shape RSSHub's /api/radar/rules serves (domain →
// subdomain or "." → [{ title, docs, source, target }]).
const diagnostics: Diagnostic[] = [];
const rules = readRadarRules(
  JSON.parse(readFileSync(new URL('../../test/rsshub/fixtures/radar-rules.json', import.meta.url), 'utf8')),
  diagnostics,
);

/** Address → the routes offered (a computed or unfillable rule shows as `docs:<title>`). */
const CASES: [address: string, expected: string[]][] = [
  // subdomain rules, a path parameter
  ['https://space.bilibili.com/2267573', ['/bilibili/user/video/2267573']],
  ['https://space.bilibili.com/2267573/dynamic', ['/bilibili/user/dynamic/2267573']],
  // `.` falls back to `www`, and `www` to `.`; an optional trailing parameter left out
  ['https://bilibili.com/v/douga/mad', ['/bilibili/partion/douga/mad']],
  ['https://www.bilibili.com/v/douga/', ['/bilibili/partion/douga']],
  // a parameter in the query, decoded from the address and encoded into the route
  ['https://www.bilibili.com/search?keyword=%E7%8C%AB&page=2', ['/bilibili/vsearch/%E7%8C%AB']],
  ['https://www.bilibili.com/search?page=2', []],
  // several rules of one domain; the host's case does not matter
  ['https://GitHub.com/DIYgod/RSSHub', ['/github/issue/DIYgod/RSSHub']],
  ['https://github.com/DIYgod/RSSHub/issues/42', ['/github/issue/DIYgod/RSSHub']],
  ['https://github.com/DIYgod', ['/github/repos/DIYgod']],
  [
    'https://github.com/DIYgod/RSSHub/blob/master/lib/router.js',
    ['/github/file/DIYgod/RSSHub/master/lib/router.js'],
  ],
  // several matches: `/trending` is also a user name to `/:user`; a rule that needs a value
  // the address does not carry points to its docs
  ['https://github.com/trending', ['/github/repos/trending', 'docs:Trending']],
  // the home page matches no rule through absent placeholders
  ['https://github.com/', []],
  // a subdomain without rules does not fall back to the domain's
  ['https://gist.github.com/DIYgod', []],
  // a registrable domain under a public suffix the rules list
  ['https://blog.github.io/', ['/pages/blog']],
  ['https://other.github.io/', []],
  // two sources of one rule lead to one candidate
  ['https://finance.sina.com.cn/china/', ['/sina/finance/china']],
  ['https://finance.sina.com.cn/', ['/sina/finance/china']],
  // a target that is code is never run: the rule only points to its docs
  ['https://www.example.org/news/42', ['docs:Computed']],
  ['https://example.org/tag/a%20b', ['/example/tag/a%20b']],
  // placeholders at the end of a source may be absent even when not marked optional
  ['https://example.org/author/ann', ['/example/author/ann']],
  ['https://unknown.example.net/', []],
];

for (const [address, expected] of CASES) {
  test(`radar: ${address}`, () => {
    const found = matchRadarRules(rules, new URL(address)).map(
      (match) => match.route ?? `docs:${match.title}`,
    );
    assert.deepEqual(found, expected);
  });
}

test('a match names its site, title, docs and the values it read', () => {
  const [match] = matchRadarRules(rules, new URL('https://space.bilibili.com/2267573'));
  assert.deepEqual(match, {
    site: '哔哩哔哩 bilibili',
    title: 'UP 主投稿',
    docs: 'https://docs.rsshub.app/routes/social-media',
    source: '/:uid',
    params: { uid: '2267573' },
    route: '/bilibili/user/video/2267573',
    target: '/bilibili/user/video/:uid',
  });
  const trending = matchRadarRules(rules, new URL('https://github.com/trending')).find((m) => !m.route);
  assert.deepEqual(trending?.unfilled, { kind: 'missing', names: ['since'] });
});

test('unusable rules are skipped with diagnostics; code targets are counted', () => {
  const messages = diagnostics.map((diagnostic) => diagnostic.message);
  assert.ok(messages.includes('radar rules of broken.example are not a list'), messages.join('\n'));
  assert.ok(
    messages.includes('a radar rule of www.broken.example has no usable source'),
    messages.join('\n'),
  );
  assert.ok(messages.some((message) => /^1 radar rules compute their route with code/.test(message)));
  assert.throws(() => readRadarRules([], []), /keyed by domain/);
});

test('sources: optional marks, query literals, globs', () => {
  const url = (text: string) => new URL(text, 'https://x.example');
  assert.deepEqual(matchRadarSource('/user/:id?', url('/user')), {});
  assert.deepEqual(matchRadarSource('/user/:id?/:tab?', url('/user/1/likes')), { id: '1', tab: 'likes' });
  assert.equal(matchRadarSource('/user/:id', url('/user/1/likes')), undefined);
  assert.deepEqual(matchRadarSource('/list?type=news&id=:id', url('/list?id=7&type=news')), { id: '7' });
  assert.equal(matchRadarSource('/list?type=news&id=:id', url('/list?id=7&type=blog')), undefined);
  assert.deepEqual(matchRadarSource('/list?id=:id?', url('/list')), {});
  assert.deepEqual(matchRadarSource('/f/*path', url('/f/a/b/c')), { path: 'a/b/c' });
  assert.deepEqual(matchRadarSource('/%E6%96%B0%E9%97%BB/:id', url('/新闻/3')), { id: '3' });
  assert.deepEqual(matchRadarSource('/a#top', url('/a')), {});
  // Many optional placeholders against a long path stay fast (failed states are remembered).
  const long = `/${Array.from({ length: 30 }, (_, i) => `:p${i}?`).join('/')}/end`;
  assert.equal(matchRadarSource(long, url(`/${'x/'.repeat(40)}`)), undefined);
});
