import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { postIdentity, readPostIdentity } from './post-identity.ts';

const prefix = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);

test('a post identity is the SHA-256 prefixes of its source and its item key, whatever came before', () => {
  // Sources alternate, as when feeds' posts are rendered in turns: the hash of the previous
  // source must never be reused for another.
  for (const [source, key] of [
    ['rsshub:/a', 'k1'],
    ['rsshub:/a', 'k2'],
    ['https://example.com/feed.xml', 'k2'],
    ['rsshub:/a', 'k2'],
    ['', ''],
    ['Überschrift 标题', 'key \u{1F600}'],
  ] as const) {
    const identity = postIdentity(source, key);
    assert.equal(identity, `${prefix(source)}/${prefix(key)}`);
    assert.deepEqual(readPostIdentity(identity), { feed: prefix(source), item: prefix(key) });
  }
});
