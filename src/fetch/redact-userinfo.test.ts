import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUserinfo, withoutUserinfo } from './redact-userinfo.ts';

test('the password of every URL in a text is masked, the rest left as it was', () => {
  assert.equal(
    redactUserinfo('cannot fetch https://reader:s3cr%40t@example.com:8443/feed?x=1: HTTP 500'),
    'cannot fetch https://reader:***@example.com:8443/feed?x=1: HTTP 500',
  );
  assert.equal(
    redactUserinfo('http://a:b@x.test/1 moved to HTTP://c:d@y.test/2'),
    'http://a:***@x.test/1 moved to HTTP://c:***@y.test/2',
  );
  // A user name alone, an e-mail address, a URL without credentials: nothing to mask.
  for (const text of [
    'https://reader@example.com/feed',
    'mail editor@example.com about https://example.com/a@b',
    'https://example.com/feed',
    'rsshub:/github/issue/a/b',
  ])
    assert.equal(redactUserinfo(text), text);
});

test('a URL without its credentials; one without any is returned as it was', () => {
  assert.equal(
    withoutUserinfo('https://reader:s3cret@example.com/feed?a=1#x'),
    'https://example.com/feed?a=1#x',
  );
  assert.equal(withoutUserinfo('https://reader@example.com/feed'), 'https://example.com/feed');
  assert.equal(withoutUserinfo('https://example.com/a@b'), 'https://example.com/a@b');
  assert.equal(withoutUserinfo('not a url with u:p@x'), 'not a url with u:p@x');
});
