import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskedFeedFields } from './status-masking.ts';

test('status masks the password in a feed URL and in its last error, on either backend', () => {
  assert.deepEqual(
    maskedFeedFields(
      'https://reader:s3cret@example.com/feed',
      'cannot fetch https://reader:s3cret@example.com/feed',
    ),
    {
      url: 'https://reader:***@example.com/feed',
      lastErrorMessage: 'cannot fetch https://reader:***@example.com/feed',
    },
  );
  assert.deepEqual(maskedFeedFields('rsshub:/a/b', undefined), { url: 'rsshub:/a/b' });
});
