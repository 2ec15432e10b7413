import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'css-select';
import { findSiteRule } from './find-site-rule.ts';
import { SITE_RULES } from './site-rules.ts';

const rules = {
  'example.com': { selector: '.body' },
  'news.example.com': { selector: '.story', remove: ['.ad'] },
};

test('a host uses its own rule, else its closest listed parent domain', () => {
  assert.deepEqual(findSiteRule('https://news.example.com/a', rules), rules['news.example.com']);
  assert.deepEqual(findSiteRule('https://deep.news.example.com/a', rules), rules['news.example.com']);
  assert.deepEqual(findSiteRule('https://EXAMPLE.com/a', rules), rules['example.com']);
  assert.deepEqual(findSiteRule('https://www.example.com/a', rules), rules['example.com']);
});

test('other hosts, look-alike hosts and bad URLs have no rule', () => {
  assert.equal(findSiteRule('https://notexample.com/a', rules), undefined);
  assert.equal(findSiteRule('https://com/a', rules), undefined);
  assert.equal(findSiteRule('not a url', rules), undefined);
  assert.equal(findSiteRule('https://x.example/constructor', { ...rules }), undefined);
});

test('every built-in rule is a valid selector and keyed by a lower-case host', () => {
  assert.deepEqual(findSiteRule('https://finance.sina.com.cn/x.shtml'), SITE_RULES['sina.com.cn']);
  for (const [host, rule] of Object.entries(SITE_RULES)) {
    assert.equal(host, host.toLowerCase());
    assert.ok(new URL(`https://${host}/`).hostname === host, host);
    for (const selector of [rule.selector, ...(rule.remove ?? [])])
      assert.doesNotThrow(() => compile(selector));
  }
});
