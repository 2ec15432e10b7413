import assert from 'node:assert/strict';
import { test } from 'node:test';
import { webFeedAddress } from './web-feed-address.ts';

test('http(s) as given, feed: as the web address it stands for, anything else refused', () => {
  assert.equal(webFeedAddress(' https://a.example/rss '), 'https://a.example/rss');
  assert.equal(webFeedAddress('HTTP://A.example'), 'http://a.example/');
  assert.equal(webFeedAddress('feed://b.example/rss'), 'http://b.example/rss');
  assert.equal(webFeedAddress('FEED:https://c.example/atom'), 'https://c.example/atom');
  assert.equal(webFeedAddress('feed:http://d.example/'), 'http://d.example/');
  for (const refused of [
    'file:///etc/passwd',
    '/etc/passwd',
    'feed.xml',
    'javascript:alert(1)',
    'feed:javascript:x',
    '',
  ])
    assert.equal(webFeedAddress(refused), undefined, refused);
});
