import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/index.ts';
import { FeedmillError } from '../errors.ts';
import { resolveFilter } from './resolve-filter.ts';

const load = (text: string) => parseConfig(text, '/site/feedmill.yml').config;

function problems(text: string): string {
  try {
    load(text);
  } catch (error) {
    assert.ok(error instanceof FeedmillError);
    assert.equal(error.code, 'CONFIG_INVALID');
    return error.message;
  }
  assert.fail('expected the config to be rejected');
}

test('the top-level block and the feed’s both apply; the feed’s max_age_days and limit win', () => {
  const config = load(`
filter:
  exclude: [广告, "/^\\\\[AD\\\\]/"]
  max_age_days: 30
  limit: 20
feeds:
  - url: a.xml
  - url: b.xml
    filter:
      include: [{ regex: "rust|go", fields: [category] }, { keyword: Alice, fields: [author] }]
      fields: [title]
      case_sensitive: true
      limit: 5
`);
  const [a, b] = config.feeds;
  assert.deepEqual(resolveFilter(a!, config), {
    blocks: [
      {
        include: [],
        exclude: [
          {
            kind: 'keyword',
            pattern: '广告',
            fields: ['title', 'content'],
            caseSensitive: false,
            path: 'filter.exclude[0]',
          },
          {
            kind: 'regex',
            pattern: '^\\[AD\\]',
            fields: ['title', 'content'],
            caseSensitive: false,
            path: 'filter.exclude[1]',
          },
        ],
      },
    ],
    maxAgeDays: 30,
    limit: 20,
  });
  const own = resolveFilter(b!, config);
  assert.equal(own?.blocks.length, 2);
  assert.deepEqual(own?.blocks[1]?.include, [
    {
      kind: 'regex',
      pattern: 'rust|go',
      fields: ['category'],
      caseSensitive: true,
      path: 'feeds[1].filter.include[0]',
    },
    {
      kind: 'keyword',
      pattern: 'Alice',
      fields: ['author'],
      caseSensitive: true,
      path: 'feeds[1].filter.include[1]',
    },
  ]);
  assert.equal(own?.maxAgeDays, 30);
  assert.equal(own?.limit, 5);
});

test('no filter anywhere: nothing to resolve', () => {
  const config = load('feeds:\n  - url: a.xml\n');
  assert.equal(resolveFilter(config.feeds[0]!, config), undefined);
});

test('a bad regular expression is a config error naming its path', () => {
  const message = problems(`
feeds:
  - url: a.xml
  - url: b.xml
  - url: c.xml
  - url: d.xml
    filter:
      exclude: ["/(unclosed/", { regex: "a{2,1}" }, { keyword: x, regex: y }, "ok"]
      include: [{ keyword: x, fields: [body] }]
`);
  assert.match(
    message,
    /^feeds\[3\]\.filter\.exclude\[0\]: is not a valid regular expression: .*Unterminated group/m,
  );
  assert.match(message, /^feeds\[3\]\.filter\.exclude\[1\]\.regex: is not a valid regular expression: /m);
  assert.match(message, /^feeds\[3\]\.filter\.exclude\[2\]: give either keyword or regex \(line 8\)$/m);
  assert.match(message, /^feeds\[3\]\.filter\.include\[0\]\.fields\[0\]: /m);
  assert.doesNotMatch(message, /exclude\[3\]/);
});
