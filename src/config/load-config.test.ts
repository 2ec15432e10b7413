import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeedmillError } from '../errors.ts';
import { parseConfig } from './load-config.ts';

function problems(text: string): string {
  try {
    parseConfig(text, '/site/feedmill.yml');
  } catch (error) {
    assert.ok(error instanceof FeedmillError);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.message;
  }
  assert.fail('expected the config to be rejected');
}

test('defaults: hexo ".", rsshub.app, limit 15, state under the site', () => {
  const loaded = parseConfig('feeds:\n  - url: feed.xml\n', '/site/feedmill.yml');
  assert.equal(loaded.siteRoot, '/site');
  assert.equal(loaded.statePath, '/site/.feedmill/state.db');
  assert.deepEqual(loaded.config.rsshub.instances, ['https://rsshub.app']);
  assert.equal(loaded.config.feeds[0]?.limit, 15);
  assert.ok(Object.isFrozen(loaded.config.feeds[0]));
});

test('relative paths resolve against the config file', () => {
  const loaded = parseConfig(
    'hexo: ../blog\nstate: data/s.db\nfeeds:\n  - url: f.xml\n',
    '/work/conf/feedmill.yml',
  );
  assert.equal(loaded.siteRoot, '/work/blog');
  assert.equal(loaded.statePath, '/work/conf/data/s.db');
});

test('every problem is reported as path: message', () => {
  const message = problems('feeds:\n  - url: ""\n    limit: 1.5\n    timezone: Mars/Olympus\nextra: 1\n');
  // Each with the line it is on: the path says what, the line where.
  assert.match(message, /^feeds\[0\]\.url: must not be empty \(line 2\)$/m);
  assert.match(message, /^feeds\[0\]\.limit: .* \(line 3\)$/m);
  assert.match(message, /^feeds\[0\]\.timezone: is not an IANA time zone name.* \(line 4\)$/m);
  assert.match(message, /^extra: unknown key \(line 5\)$/m);
  // A missing key is placed on the object that lacks it.
  assert.match(problems('hexo: .\nfeeds:\n  - name: x\n'), /^feeds\[0\]\.url: .* \(line 3\)$/m);
});

test('an empty file or no feeds is an error naming feeds', () => {
  // Empty, or nothing but comments: said so, not "feeds: expected array, received undefined".
  for (const text of ['', '\n\n', '# my feeds\n# - url: x\n'])
    assert.match(problems(text), /is empty: it needs at least a feeds: list/);
  assert.match(problems('hexo: .\n'), /feeds: /);
  assert.match(problems('feeds: []\n'), /feeds: list at least one feed/);
});

test('a YAML error on a very long line shows the part around the column; deep nesting is named', () => {
  const long = problems(`feeds:\n  - url: ${'x'.repeat(5000)} : : [\n`);
  const [, source, caret] = long.split('\n').slice(1);
  assert.ok(source!.length < 120, source);
  assert.match(source!, /^ {2}2 \| {3}- url: x+…$/);
  assert.equal(caret!.indexOf('^'), source!.indexOf('url: ') + 5);
  const deep = problems(`feeds: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
  assert.match(deep, /:1:\d+: nested too deeply to read/);
  assert.ok(deep.length < 500, 'once, and not the whole line');
});

test('YAML errors and duplicate keys show file, line, column, the line and a caret', () => {
  const duplicate = problems('feeds:\n  - url: a\n    url: b\n');
  assert.match(duplicate, /^\/site\/feedmill\.yml:3:5: Map keys must be unique$/m);
  assert.match(duplicate, /^ {2}3 \| {5}url: b\n {2} {2}\| {5}\^$/m);
  const unclosed = problems('feeds:\n  - url: a\n   name: "b\n');
  assert.match(unclosed, /not valid YAML/);
  assert.match(unclosed, /^\/site\/feedmill\.yml:\d+:\d+: /m);
  assert.doesNotMatch(unclosed, / at line \d+, column/);
});

test('an unknown key names the closest known key of the same object, if any is close', () => {
  const message = problems(
    'feeds:\n  - url: a\n  - url: b\n  - url: c\n    catagories: [x]\n    colour: red\nrsshub:\n  instancse: []\n',
  );
  assert.match(message, /^feeds\[2\]\.catagories: unknown key; did you mean "categories"\? \(line \d+\)$/m);
  assert.match(message, /^feeds\[2\]\.colour: unknown key \(line \d+\)$/m);
  assert.match(message, /^rsshub\.instancse: unknown key; did you mean "instances"\? \(line \d+\)$/m);
  assert.match(problems('feds:\n  - url: a\n'), /^feds: unknown key; did you mean "feeds"\? \(line \d+\)$/m);
});

test('two feeds with the same name or the same url are an error naming both', () => {
  assert.match(
    problems('feeds:\n  - url: a\n    name: x\n  - url: b\n  - url: c\n  - url: d\n    name: x\n'),
    /^feeds\[3\]\.name: "x" is also the name of feeds\[0\]$/m,
  );
  assert.match(
    problems('feeds:\n  - url: a\n  - url: a\n'),
    /^feeds\[1\]\.url: "a" is also the url of feeds\[0\]$/m,
  );
  // The state is kept per url: two names for one url would share it.
  assert.match(
    problems('feeds:\n  - url: a\n    name: one\n  - url: a\n    name: two\n'),
    /^feeds\[1\]\.url: "a" is also the url of feeds\[0\] \(feeds keep their state per url\)$/m,
  );
  const distinct = parseConfig(
    'feeds:\n  - url: rsshub:/a?filter=x\n    name: one\n  - url: rsshub:/a?filter=y\n    name: two\n',
    '/s/f.yml',
  );
  assert.equal(distinct.config.feeds.length, 2);
});

test('a duplicate url naming a password shows it masked, as every message does', () => {
  const message = problems(
    'feeds:\n  - url: https://bob:hunter2@example.com/feed\n  - url: https://bob:hunter2@example.com/feed\n    name: two\n',
  );
  assert.match(
    message,
    /feeds\[1\]\.url: "https:\/\/bob:\*\*\*@example\.com\/feed" is also the url of feeds\[0\]/,
  );
  assert.doesNotMatch(message, /hunter2/);
  const named = problems(
    'feeds:\n  - url: https://bob:hunter2@example.com/a\n  - url: https://bob:hunter2@example.com/b\n    name: https://bob:hunter2@example.com/a\n',
  );
  assert.doesNotMatch(named, /hunter2/);
});

test('YAML 1.1 habits get a hint: yes/no for booleans, unquoted numbers as text, merge keys', () => {
  assert.match(
    problems('fsync: yes\nfeeds:\n  - url: a\n    keep_style: Off\n'),
    /^fsync: Invalid input: expected boolean, received string; YAML 1\.2 reads yes as text: write true or false \(line \d+\)$/m,
  );
  assert.match(
    problems('fsync: yes\nfeeds:\n  - url: a\n    keep_style: Off\n'),
    /^feeds\[0\]\.keep_style: .*reads Off as text: write true or false \(line \d+\)$/m,
  );
  assert.match(
    problems('feeds:\n  - url: a\n    name: 2024\n    categories: [News, 1.10]\n'),
    /^feeds\[0\]\.name: Invalid input: expected string, received number; put it in quotes to keep it as text \(line \d+\)$/m,
  );
  assert.match(
    problems('feeds:\n  - url: a\n    categories: [News, 1.10]\n'),
    /^feeds\[0\]\.categories\[1\]: .*put it in quotes/m,
  );
  assert.match(
    problems('feeds:\n  - &f { url: a, limit: 5 }\n  - <<: *f\n    url: b\n'),
    /^feeds\[1\]\.<<: unknown key; merge keys \(<<\) are YAML 1\.1, which feedmill does not read: write the keys out \(line \d+\)$/m,
  );
  // A string where a string belongs, or a number where a number belongs, gets no hint.
  assert.doesNotMatch(problems('fsync: maybe\nfeeds:\n  - url: a\n'), /write true or false/);
});

test('YAML 1.2: "yes" and "no" stay strings, so names are not turned into booleans', () => {
  const loaded = parseConfig(
    'feeds:\n  - url: feed.xml\n    name: yes\n    categories: [no, on]\n',
    '/s/f.yml',
  );
  assert.equal(loaded.config.feeds[0]?.name, 'yes');
  assert.deepEqual(loaded.config.feeds[0]?.categories, ['no', 'on']);
});

test('FEEDMILL_RSSHUB_INSTANCES goes before the configured (or default) instances; a bad URL names the variable', () => {
  const env = { FEEDMILL_RSSHUB_INSTANCES: 'http://localhost:1200, http://127.0.0.1:1300' };
  const listed = parseConfig(
    'rsshub:\n  instances: [https://rss.example.org]\nfeeds:\n  - url: feed.xml\n',
    '/site/feedmill.yml',
    env,
  );
  assert.deepEqual(listed.config.rsshub.instances, [
    'http://localhost:1200',
    'http://127.0.0.1:1300',
    'https://rss.example.org',
  ]);
  const defaulted = parseConfig('feeds:\n  - url: feed.xml\n', '/site/feedmill.yml', env);
  assert.deepEqual(defaulted.config.rsshub.instances, [
    'http://localhost:1200',
    'http://127.0.0.1:1300',
    'https://rsshub.app',
  ]);
  assert.deepEqual(
    parseConfig('feeds:\n  - url: feed.xml\n', '/site/feedmill.yml', { FEEDMILL_RSSHUB_INSTANCES: ' ' })
      .config.rsshub.instances,
    ['https://rsshub.app'],
  );
  assert.throws(
    () =>
      parseConfig('feeds:\n  - url: feed.xml\n', '/site/feedmill.yml', {
        FEEDMILL_RSSHUB_INSTANCES: 'localhost:1200',
      }),
    (error: unknown) =>
      error instanceof FeedmillError &&
      error.code === 'CONFIG_INVALID' &&
      /^FEEDMILL_RSSHUB_INSTANCES: "localhost:1200" is not an http\(s\) URL/.test(error.message),
  );
});

test('RSSHub query parameters on a feed are checked: types, allowed values, unknown names', () => {
  const loaded = parseConfig(
    'feeds:\n  - url: rsshub:/a\n    rsshub: { limit: 5, filter: "a|b", filter_time: 3600, sorted: false, brief: 200 }\n',
    '/s/f.yml',
  );
  assert.deepEqual(loaded.config.feeds[0]?.rsshub, {
    limit: 5,
    filter: 'a|b',
    filter_time: 3600,
    sorted: false,
    brief: 200,
  });
  const shorthand = parseConfig('feeds:\n  - rsshub: { route: /a/b, mode: fulltext }\n', '/s/f.yml');
  assert.equal(shorthand.config.feeds[0]?.url, 'rsshub:/a/b');
  assert.deepEqual(shorthand.config.feeds[0]?.rsshub, { mode: 'fulltext' });
  const message = problems(
    'feeds:\n  - url: rsshub:/a\n    rsshub:\n      mode: summary\n      opencc: x2y\n      brief: 50\n      limit: 0\n      filter: "("\n      filter_case_sensitive: "no"\n      filterot: ad\n  - url: https://e.org/f.xml\n    rsshub: { limit: 3 }\n',
  );
  assert.match(message, /^feeds\[0\]\.rsshub\.mode: /m);
  assert.match(message, /^feeds\[0\]\.rsshub\.opencc: /m);
  assert.match(message, /^feeds\[0\]\.rsshub\.brief: must be at least 100/m);
  assert.match(message, /^feeds\[0\]\.rsshub\.limit: /m);
  assert.match(message, /^feeds\[0\]\.rsshub\.filter: is not a valid regular expression/m);
  assert.match(message, /^feeds\[0\]\.rsshub\.filter_case_sensitive: /m);
  assert.match(
    message,
    /^feeds\[0\]\.rsshub\.filterot: unknown key; did you mean "filterout"\? \(line \d+\)$/m,
  );
  assert.match(message, /^feeds\[1\]\.rsshub: query parameters are for RSSHub routes only/m);
});

test("RSSHub filters are refused when RSSHub's default engine (RE2) cannot run them", () => {
  const message = problems(
    'feeds:\n  - url: rsshub:/a\n    rsshub:\n      filterout: "^(?!.*Release)"\n      filter_title: "(a)\\\\1"\n',
  );
  assert.match(
    message,
    /^feeds\[0\]\.rsshub\.filterout: uses a lookahead \(\?!…\), which RSSHub's regular expressions \(RE2\) do not support/m,
  );
  assert.match(message, /^feeds\[0\]\.rsshub\.filter_title: uses a backreference \(\\1\)/m);
});

test('scihub is an RSSHub query parameter of a feed, on or off', () => {
  const loaded = parseConfig(
    'feeds:\n  - rsshub: { route: /nature/research/ng, scihub: true }\n',
    '/s/f.yml',
  );
  assert.deepEqual(loaded.config.feeds[0]?.rsshub, { scihub: true });
  assert.match(
    problems('feeds:\n  - rsshub: { route: /nature/research/ng, scihub: "yes" }\n'),
    /^feeds\[0\]\.rsshub\.scihub: /m,
  );
});
