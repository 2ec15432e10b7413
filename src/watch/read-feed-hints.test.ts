import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFeedHints } from './read-feed-hints.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

test('reads ttl, skipHours and skipDays of an RSS 2.0 channel', () => {
  const hints = readFeedHints(
    bytes(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl> 90 </ttl>
      <item><ttl>5</ttl></item>
      <skipHours><hour>0</hour><hour>24</hour><hour>7</hour></skipHours>
      <skipDays><day>Saturday</day><day>Sunday</day></skipDays></channel></rss>`),
  );
  assert.deepEqual(hints, { ttlMinutes: 90, skipHours: [0, 0, 7], skipDays: ['Saturday', 'Sunday'] });
});

test('other formats and junk give no hints', () => {
  assert.deepEqual(readFeedHints(bytes('<feed xmlns="http://www.w3.org/2005/Atom"><ttl>5</ttl></feed>')), {});
  assert.deepEqual(readFeedHints(bytes('{"version":"https://jsonfeed.org/version/1.1"}')), {});
  assert.deepEqual(readFeedHints(bytes('<rss><channel><ttl>soon</ttl></channel></rss>')), {});
});
